// Share Changes: the working tree's changes, the staged ones, a commit or a range of commits,
// of the whole repository or the current file, to a group with an optional comment. The diff
// comes from VS Code's git extension (no shelling out) and is sent by the client core, inline
// or, when large, as an encrypted file. Tests pass { groupId, source, scope, repository,
// file, commit, from, to, comment } to skip the prompts.
import path from 'node:path';
import * as vscode from 'vscode';
import type { DiffShare } from '../../client/diffs/diff-shares';
import type { DiffSource } from '../../common/messages/shared-diff';
import { argsOf, stringArg, type TeamChatCommand } from '../commands/command';
import { gitApi, repositoryFor, type GitCommit, type GitRepository } from '../git/git-api';

/** git's empty tree: what a commit without a parent is compared with. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
const LOG_ENTRIES = 50;
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

interface ShareArgs {
  groupId: string;
  source: DiffSource;
  scope: 'repository' | 'file';
  /** A folder in the repository (tests; else the current file's, else the first repository). */
  repository: string;
  /** The file for scope 'file' (else the current editor's). */
  file: string;
  commit: string;
  from: string;
  to: string;
  comment: string;
}

async function pickRepository(args: Partial<ShareArgs>, file: vscode.Uri | undefined): Promise<GitRepository> {
  const api = await gitApi();
  if (!api) throw new Error('VS Code\'s git extension is off or git is not installed: turn on "git.enabled" to share changes.');
  const given = stringArg(args.repository);
  const near = given ? vscode.Uri.file(given) : file;
  const found = near ? ((await repositoryFor(near)) ?? (await api.openRepository(near).catch(() => null)) ?? (await api.openRepository(vscode.Uri.joinPath(near, '..')).catch(() => null))) : undefined;
  const repo = found ?? api.repositories[0];
  if (!repo) throw new Error('No git repository is open: open a folder that is one, then share its changes.');
  return repo;
}

async function pickSource(args: Partial<ShareArgs>): Promise<DiffSource | undefined> {
  if (args.source) return args.source;
  const items: (vscode.QuickPickItem & { source: DiffSource })[] = [
    { label: 'Working tree changes', description: 'what git diff shows', source: 'working' },
    { label: 'Staged changes', description: 'what git diff --cached shows', source: 'staged' },
    { label: 'A commit', source: 'commit' },
    { label: 'A range of commits', source: 'range' },
  ];
  return (await vscode.window.showQuickPick(items, { title: 'Share which changes?', ignoreFocusOut: true }))?.source;
}

async function pickCommit(repo: GitRepository, title: string): Promise<GitCommit | undefined> {
  const log = await repo.log({ maxEntries: LOG_ENTRIES });
  const items = log.map((c) => ({ label: c.hash.slice(0, 7), description: firstLine(c.message), detail: c.authorName, commit: c }));
  return (await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true, matchOnDescription: true }))?.commit;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').replace(UNSAFE, ' ').trim().slice(0, 120);
}

function relative(repo: GitRepository, file: vscode.Uri): string {
  return path.relative(repo.rootUri.fsPath, file.fsPath).split(path.sep).join('/');
}

/** One diff of several files' diffs (diffBetween answers per file, trimmed). */
function joined(parts: string[]): string {
  return parts.filter((p) => p.trim() !== '').map((p) => (p.endsWith('\n') ? p : `${p}\n`)).join('');
}

async function betweenRefs(repo: GitRepository, from: string, to: string, file: vscode.Uri | undefined): Promise<string> {
  if (file) return joined([await repo.diffBetween(from, to, file.fsPath)]);
  const changes = await repo.diffBetween(from, to);
  const paths = new Set(changes.flatMap((c) => [c.uri.fsPath, c.originalUri.fsPath, ...(c.renameUri ? [c.renameUri.fsPath] : [])]));
  const parts: string[] = [];
  for (const p of paths) parts.push(await repo.diffBetween(from, to, p));
  return joined(parts);
}

/** The diff and how to name it, or undefined when the user stepped back from a pick. */
async function diffToShare(repo: GitRepository, source: DiffSource, file: vscode.Uri | undefined, args: Partial<ShareArgs>): Promise<DiffShare | undefined> {
  const where = file ? relative(repo, file) : path.basename(repo.rootUri.fsPath);
  const scope = file ? { path: relative(repo, file) } : {};
  if (source === 'working') return { source, label: `working tree of ${where}`, patch: joined([file ? await repo.diffWithHEAD(file.fsPath) : await repo.diff(false)]), ...scope };
  if (source === 'staged') return { source, label: `staged changes of ${where}`, patch: joined([file ? await repo.diffIndexWithHEAD(file.fsPath) : await repo.diff(true)]), ...scope };
  if (source === 'commit') {
    const given = stringArg(args.commit);
    const commit = given ? await repo.getCommit(given) : await pickCommit(repo, 'Share which commit?');
    if (!commit) return undefined;
    const parent = commit.parents[0] ?? EMPTY_TREE;
    const label = `${commit.hash.slice(0, 7)} ${firstLine(commit.message)}${file ? ` (${where})` : ''}`.slice(0, 300);
    return { source, to: commit.hash, ...(commit.parents[0] ? { from: parent } : {}), label, patch: await betweenRefs(repo, parent, commit.hash, file), ...scope };
  }
  const fromGiven = stringArg(args.from);
  const toGiven = stringArg(args.to);
  const from = fromGiven ? await repo.getCommit(fromGiven) : await pickCommit(repo, 'Share the changes after which commit? (the older end, not included)');
  if (!from) return undefined;
  const to = toGiven ? await repo.getCommit(toGiven) : await pickCommit(repo, `Share the changes from ${from.hash.slice(0, 7)} up to which commit?`);
  if (!to) return undefined;
  return { source, from: from.hash, to: to.hash, label: `${from.hash.slice(0, 7)}..${to.hash.slice(0, 7)}${file ? ` (${where})` : ''}`, patch: await betweenRefs(repo, from.hash, to.hash, file), ...scope };
}

export const shareChanges: TeamChatCommand = {
  name: 'shareChanges',
  async run(app, raw) {
    const session = app.requireSession();
    const args = argsOf<ShareArgs>(raw);
    const source = await pickSource(args);
    if (!source) return undefined;
    const given = stringArg(args.file);
    const current = given ? vscode.Uri.file(given) : vscode.window.activeTextEditor?.document.uri.scheme === 'file' ? vscode.window.activeTextEditor.document.uri : undefined;
    const repo = await pickRepository(args, current);
    const inRepo = current && !relative(repo, current).startsWith('..') ? current : undefined;
    let scope = args.scope;
    if (!scope) {
      const items = [{ label: 'The whole repository', scope: 'repository' as const }, ...(inRepo ? [{ label: `Only ${relative(repo, inRepo)}`, scope: 'file' as const }] : [])];
      scope = items.length === 1 ? 'repository' : (await vscode.window.showQuickPick(items, { title: 'Share the changes of', ignoreFocusOut: true }))?.scope;
      if (!scope) return undefined;
    }
    if (scope === 'file' && !inRepo) throw new Error('Open the file to share in an editor first (it must be in the repository).');
    const share = await diffToShare(repo, source, scope === 'file' ? inRepo : undefined, args);
    if (!share) return undefined;
    if (share.patch.trim() === '') throw new Error(`There are no changes to share in the ${share.label}.`);
    const group = await app.pickGroup(raw, `Share the ${share.label}`);
    if (!group) return undefined;
    const comment = typeof args.comment === 'string' ? args.comment : await vscode.window.showInputBox({ title: 'Add a comment (optional)', ignoreFocusOut: true });
    if (comment === undefined) return undefined;
    const sent = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Sharing the ${share.label}…` }, () => session.client.sendDiff(group.id, share, comment));
    app.openChat(group.id);
    return sent.msgId;
  },
};
