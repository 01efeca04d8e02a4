// Finding a received snippet's lines in this copy of the code, wherever they are now. Through
// git first: a repository with the snippet's repository identity whose history has its commit
// gives the diff from that commit to the working tree, and the lines are mapped through it.
// Otherwise (another clone without the commit, no git) the file at the snippet's path is
// searched for the lines' text. Either way the lines found are compared with the shared text to
// say whether they are the same. Repository facts come from VS Code's git extension only.
import * as vscode from 'vscode';
import { repositoryIdentity, snippetTextHash } from '../../client/code/code-hashes';
import { mapLineRange, type LineMapping, type LineRange } from '../../common/code/line-mapping';
import { linesOf, locateText } from '../../common/code/text-locate';
import type { CodeSnippet } from '../../common/messages/envelope';
import type { SnippetOrigin } from '../../common/messages/snippet-origin';
import { gitApi, repositoryFor, type GitRepository } from '../git/git-api';

export interface SnippetLocation {
  /**
   * `same`: the shared text at the shared lines. `moved`: the shared text at other lines.
   * `changed`: the lines are there (startLine-endLine) but their text is not the shared text.
   * `not-found`: the file is here but the lines are not (startLine-endLine are the shared lines,
   * within the file). `no-file`: no workspace folder or repository has the file.
   */
  status: 'same' | 'moved' | 'changed' | 'not-found' | 'no-file';
  uri?: vscode.Uri;
  startLine: number;
  endLine: number;
  /** `git`: mapped through the diff from the snippet's commit. `text`: found by its text. `path`: only the path was followed. */
  how: 'git' | 'text' | 'path';
}

/** Files at the snippet's path looked at, at most (workspace folders and repositories). */
const MAX_CANDIDATES = 20;

interface Candidate {
  uri: vscode.Uri;
  /** The repository holding it, when it is the snippet's repository and has its commit. */
  withCommit?: GitRepository;
  sameRepository: boolean;
}

export async function locateSnippet(snippet: CodeSnippet): Promise<SnippetLocation> {
  const shared = { startLine: snippet.startLine, endLine: Math.max(snippet.endLine, snippet.startLine) };
  const relative = workspaceRelative(snippet.path);
  if (!relative) return { status: 'no-file', ...shared, how: 'path' };
  const origin = consistentOrigin(snippet);
  const candidates = await candidatesFor(relative, origin);
  const best = candidates.find((c) => c.withCommit) ?? candidates.find((c) => c.sameRepository) ?? candidates[0];
  if (!best) return { status: 'no-file', ...shared, how: 'path' };
  const document = await vscode.workspace.openTextDocument(best.uri);
  let mapped: LineMapping | undefined;
  // An unsaved editor is not what git's diff describes: then the text alone decides.
  if (origin && best.withCommit && !document.isDirty) {
    const diff = await best.withCommit.diffWith(origin.commit, best.uri.fsPath).catch(() => undefined);
    if (diff !== undefined) mapped = mapLineRange(diff, origin.commitLines ?? shared);
  }
  return { ...decide(document.getText(), snippet.code, shared, mapped), uri: best.uri };
}

/**
 * Git's answer when the lines it points at hold the shared text; else the shared text wherever
 * the file has it; else git's lines as changed; else the text with whitespace differences as
 * changed; else not found.
 */
function decide(text: string, code: string, shared: LineRange, mapped: LineMapping | undefined): Omit<SnippetLocation, 'uri'> {
  const lines = linesOf(text);
  const wanted = linesOf(code);
  const place = (range: LineRange) => clamp(range, lines.length);
  const status = (range: LineRange) => (range.startLine === shared.startLine ? 'same' : 'moved');
  if (mapped && (mapped.status === 'same' || mapped.status === 'moved')) {
    const at = lines.slice(mapped.startLine - 1, mapped.endLine);
    if (at.length === wanted.length && at.every((l, i) => l === wanted[i])) return { status: status(mapped), ...place(mapped), how: 'git' };
  }
  const found = locateText(text, code, mapped?.startLine ?? shared.startLine);
  if (found?.exact) return { status: status(found), ...place(found), how: 'text' };
  if (mapped && mapped.status !== 'deleted') return { status: 'changed', ...place(mapped), how: 'git' };
  if (found) return { status: 'changed', ...place(found), how: 'text' };
  return { status: 'not-found', ...place(shared), how: mapped ? 'git' : 'text' };
}

function clamp(range: LineRange, lineCount: number): LineRange {
  const last = Math.max(1, lineCount);
  const startLine = Math.min(Math.max(1, range.startLine), last);
  return { startLine, endLine: Math.min(Math.max(range.endLine, startLine), last) };
}

/** The path as "/"-separated segments inside a folder, or undefined for one that leaves it (absolute, "..", a drive). */
export function workspaceRelative(path: string): string | undefined {
  const relative = path.replace(/\\/g, '/');
  if (relative.length === 0 || relative.startsWith('/') || /^[a-z]:/i.test(relative)) return undefined;
  const segments = relative.split('/');
  if (segments.includes('..') || segments.every((s) => s === '' || s === '.')) return undefined;
  return relative;
}

/** The origin, if its text hash is the snippet's own: one that names other text says nothing about these lines. */
function consistentOrigin(snippet: CodeSnippet): SnippetOrigin | undefined {
  const origin = snippet.origin;
  return origin && origin.textHash === snippetTextHash(snippet.code) ? origin : undefined;
}

async function candidatesFor(relative: string, origin: SnippetOrigin | undefined): Promise<Candidate[]> {
  const api = await gitApi();
  const roots = [...(api?.repositories ?? []).map((r) => r.rootUri), ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri)];
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const root of roots) {
    if (candidates.length >= MAX_CANDIDATES) break;
    const uri = vscode.Uri.joinPath(root, relative);
    if (seen.has(uri.toString()) || !(await exists(uri))) continue;
    seen.add(uri.toString());
    candidates.push(await candidate(uri, origin));
  }
  return candidates;
}

async function candidate(uri: vscode.Uri, origin: SnippetOrigin | undefined): Promise<Candidate> {
  if (!origin) return { uri, sameRepository: false };
  const repo = await repositoryFor(uri);
  // Without a remote on the sender's side, the commit alone says which repository it is.
  const sameRepository = repo !== undefined && (origin.repo === undefined || remoteIdentities(repo).includes(origin.repo));
  if (!repo || !sameRepository) return { uri, sameRepository };
  const hasCommit = await repo.getCommit(origin.commit).then((c) => c.hash === origin.commit, () => false);
  return hasCommit ? { uri, withCommit: repo, sameRepository } : { uri, sameRepository };
}

/** Every remote URL's identity: a clone may name the repository under any of its remotes. */
function remoteIdentities(repo: GitRepository): string[] {
  return repo.state.remotes.flatMap((r) => [r.fetchUrl, r.pushUrl]).flatMap((url) => {
    const id = url ? repositoryIdentity(url) : undefined;
    return id ? [id] : [];
  });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}
