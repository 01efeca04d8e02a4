// A commit hash in a message: the commit in one of the reader's own repositories (VS Code's git
// extension), shown as its changes in the multi-diff editor, each file at the first parent
// against the commit. Nothing is fetched: a commit the reader's clones lack is said so.
import * as vscode from 'vscode';
import type { CodeLinkTarget } from '../../common/code/code-links';
import { gitApi, type GitApi, type GitChange, type GitCommit, type GitRepository } from '../git/git-api';
import * as notify from '../plain-notifications';
import { readerRepositories } from './reader-repositories';

type CommitLink = Extract<CodeLinkTarget, { kind: 'commit' }>;

// The git extension's Status values for the changes diffBetween reports (--diff-filter=ADMR).
const INDEX_ADDED = 1;
const INDEX_RENAMED = 3;
const DELETED = 6;

export interface ShownCommit {
  repository: GitRepository;
  commit: GitCommit;
  title: string;
  files: number;
}

export async function openCommitLink(link: CommitLink): Promise<ShownCommit | undefined> {
  const short = link.hash.slice(0, 7);
  const api = await gitApi();
  if (!api) {
    void notify.info(`TeamChat cannot show commit ${short}: VS Code's git extension is off or git is not installed.`);
    return undefined;
  }
  const found = await findCommit(api, link.hash);
  if (!found) {
    void notify.info(`${short} is not in your repositories (fetch, or open the repository it belongs to, then try again).`);
    return undefined;
  }
  const { repository, commit } = found;
  const parent = commit.parents[0];
  if (!parent) {
    void notify.info(`${short} is the first commit of its repository, which TeamChat does not show as changes.`);
    return undefined;
  }
  const changes = await repository.diffBetween(parent, commit.hash);
  const subject = commit.message.split('\n', 1)[0] ?? '';
  const title = `${commit.hash.slice(0, 7)} ${subject}`.trim();
  const resources = changes.map((change) => changedFile(api, change, parent, commit.hash));
  await vscode.commands.executeCommand('vscode.changes', title, resources);
  return { repository, commit, title, files: resources.length };
}

/** The first of the reader's repositories (the workspace folders', and any the git extension has open) that has the commit. */
async function findCommit(api: GitApi, hash: string): Promise<{ repository: GitRepository; commit: GitCommit } | undefined> {
  for (const repository of await readerRepositories(api)) {
    const commit = await repository.getCommit(hash).catch(() => undefined);
    // An abbreviated hash names the commit only if git took it as one (not a branch or tag of that name).
    if (commit?.hash.startsWith(hash)) return { repository, commit };
  }
  return undefined;
}

/** [label, before, after] as vscode.changes takes them; an added file has no before, a deleted one no after. */
function changedFile(api: GitApi, change: GitChange, parent: string, hash: string): [vscode.Uri, vscode.Uri | undefined, vscode.Uri | undefined] {
  switch (change.status) {
    case INDEX_ADDED:
      return [change.uri, undefined, api.toGitUri(change.uri, hash)];
    case DELETED:
      return [change.uri, api.toGitUri(change.uri, parent), undefined];
    case INDEX_RENAMED:
      return [change.uri, api.toGitUri(change.originalUri, parent), api.toGitUri(change.uri, hash)];
    default:
      return [change.uri, api.toGitUri(change.uri, parent), api.toGitUri(change.uri, hash)];
  }
}
