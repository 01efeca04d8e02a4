// The part of VS Code's built-in git extension (vscode.git, API version 1) TeamChat uses for
// repository facts: which repository holds a file, its remotes, HEAD, diffs and patches. Only
// the members TeamChat calls are declared here; the extension's full API has more. Nothing here
// shells out: where the API serves, TeamChat asks it.
import * as vscode from 'vscode';

export interface GitRemote {
  readonly name: string;
  readonly fetchUrl?: string;
  readonly pushUrl?: string;
}

export interface GitHead {
  readonly name?: string;
  readonly commit?: string;
}

/** One changed file, as the git extension reports it (status is its numeric enum). */
export interface GitChange {
  readonly uri: vscode.Uri;
  readonly originalUri: vscode.Uri;
  readonly renameUri: vscode.Uri | undefined;
  readonly status: number;
}

export interface GitCommit {
  readonly hash: string;
  readonly message: string;
  readonly parents: string[];
  readonly authorDate?: Date;
  readonly authorName?: string;
  readonly authorEmail?: string;
}

export interface GitRepositoryState {
  readonly HEAD: GitHead | undefined;
  readonly remotes: GitRemote[];
  readonly indexChanges: GitChange[];
  readonly workingTreeChanges: GitChange[];
  readonly onDidChange: vscode.Event<void>;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: GitRepositoryState;
  /** The whole working tree's unified diff against the index, or (cached) the index's against HEAD. */
  diff(cached?: boolean): Promise<string>;
  /** One file's working tree against HEAD. */
  diffWithHEAD(path: string): Promise<string>;
  /** One file's working tree against a ref. */
  diffWith(ref: string, path: string): Promise<string>;
  diffIndexWithHEAD(path: string): Promise<string>;
  /** The files changed between two refs, or (with a path) that file's unified diff. */
  diffBetween(ref1: string, ref2: string): Promise<GitChange[]>;
  diffBetween(ref1: string, ref2: string, path: string): Promise<string>;
  /** A file's text at a ref. */
  show(ref: string, path: string): Promise<string>;
  getCommit(ref: string): Promise<GitCommit>;
  /** Applies a patch to the working tree (git apply), or reverses it. */
  apply(patch: string, reverse?: boolean): Promise<void>;
  log(options?: { maxEntries?: number; path?: string; range?: string }): Promise<GitCommit[]>;
  status(): Promise<void>;
}

export interface GitApi {
  readonly repositories: GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository(root: vscode.Uri): Promise<GitRepository | null>;
  /** A URI the git extension serves: the file's text at `ref` ("" is the index, "~" HEAD). */
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
}

interface GitExtensionExports {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/**
 * The git extension's API once it is active and enabled, or undefined (git disabled, not
 * installed, or no git on the machine): callers then work without repository facts.
 */
export async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtensionExports>('vscode.git');
  if (!extension) return undefined;
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    return exports.enabled ? exports.getAPI(1) : undefined;
  } catch {
    return undefined;
  }
}

/** The repository holding `uri`, opening it with the git extension if it has not yet. */
export async function repositoryFor(uri: vscode.Uri): Promise<GitRepository | undefined> {
  const api = await gitApi();
  if (!api) return undefined;
  const known = api.getRepository(uri);
  if (known) return known;
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri ?? uri;
  return (await api.openRepository(folder).catch(() => null)) ?? api.getRepository(uri) ?? undefined;
}
