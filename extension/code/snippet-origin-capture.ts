// What Share Selection records about where a snippet came from (common/messages/snippet-origin.ts),
// from VS Code's git extension: the repository's remote (hashed), HEAD's commit, and whether
// uncommitted changes touch the lines. Without git, a repository or a commit, there is no origin
// and the snippet is shared as before.
import * as vscode from 'vscode';
import { repositoryIdentity, snippetTextHash } from '../../client/code/code-hashes';
import { mapLineRange, type LineRange } from '../../common/code/line-mapping';
import type { SnippetOrigin } from '../../common/messages/snippet-origin';
import { repositoryFor, type GitRepository } from '../git/git-api';

const COMMIT_HEX = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** The git extension's Status values for a file HEAD does not have: INDEX_ADDED, UNTRACKED, INTENT_TO_ADD. */
const NOT_IN_HEAD = new Set([1, 7, 9]);

/** The origin of `lines` (1-based) of `document` holding `code`, or undefined when there is none to give. */
export async function captureOrigin(document: vscode.TextDocument, lines: LineRange, code: string): Promise<SnippetOrigin | undefined> {
  if (document.uri.scheme !== 'file') return undefined;
  const repo = await repositoryFor(document.uri);
  if (!repo) return undefined;
  await repo.status().catch(() => undefined);
  const commit = repo.state.HEAD?.commit;
  if (!commit || !COMMIT_HEX.test(commit)) return undefined;
  const origin: SnippetOrigin = { commit, textHash: snippetTextHash(code), dirty: true };
  const identity = remoteIdentity(repo);
  if (identity) origin.repo = identity;
  const atCommit = await linesAtCommit(repo, commit, document, lines);
  if (atCommit) {
    origin.dirty = false;
    if (atCommit.startLine !== lines.startLine) origin.commitLines = atCommit;
  }
  return origin;
}

/** The repository's name for a snippet's origin: its `origin` remote's, else the first remote's. */
export function remoteIdentity(repo: GitRepository): string | undefined {
  const remotes = repo.state.remotes;
  const remote = remotes.find((r) => r.name === 'origin') ?? remotes[0];
  const url = remote?.fetchUrl ?? remote?.pushUrl;
  return url ? repositoryIdentity(url) : undefined;
}

/** Where the lines are at the commit, when no uncommitted change (saved or not) touches them; else undefined. */
async function linesAtCommit(repo: GitRepository, commit: string, document: vscode.TextDocument, lines: LineRange): Promise<LineRange | undefined> {
  if (document.isDirty) return undefined;
  const key = document.uri.toString();
  const changes = [...repo.state.indexChanges, ...repo.state.workingTreeChanges];
  if (changes.some((c) => c.uri.toString() === key && NOT_IN_HEAD.has(c.status))) return undefined;
  // git diff <commit> -- file: the commit's file to the working tree's (staged changes included).
  const diff = await repo.diffWith(commit, document.uri.fsPath).catch(() => undefined);
  if (diff === undefined) return undefined;
  const mapped = mapLineRange(diff, lines, { reverse: true });
  return mapped && (mapped.status === 'same' || mapped.status === 'moved') ? { startLine: mapped.startLine, endLine: mapped.endLine } : undefined;
}
