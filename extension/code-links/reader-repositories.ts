// The reader's own repositories: those of the workspace folders (opened with the git extension
// if it has not yet) and any others it has open. Where a code link is looked for.
import * as vscode from 'vscode';
import { repositoryFor, type GitApi, type GitRepository } from '../git/git-api';

export async function readerRepositories(api: GitApi): Promise<GitRepository[]> {
  const repositories = new Map<string, GitRepository>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const repository = await repositoryFor(folder.uri);
    if (repository) repositories.set(repository.rootUri.toString(), repository);
  }
  for (const repository of api.repositories) repositories.set(repository.rootUri.toString(), repository);
  return [...repositories.values()];
}
