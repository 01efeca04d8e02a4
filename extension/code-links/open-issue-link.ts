// "#123" in a message: the issue or pull request page on the host of the reader's own clone
// (common/code/remote-host.ts), opened in the browser once the reader agrees. TeamChat itself
// asks nothing of the network; the browser does, if the reader says so.
import * as vscode from 'vscode';
import type { CodeLinkTarget } from '../../common/code/code-links';
import { issueUrl, parseRemoteUrl } from '../../common/code/remote-host';
import { gitApi } from '../git/git-api';
import * as notify from '../plain-notifications';
import { readerRepositories } from './reader-repositories';

type IssueLink = Extract<CodeLinkTarget, { kind: 'issue' }>;

export async function openIssueLink(link: IssueLink): Promise<string | undefined> {
  const urls = await issuePages(link.number);
  if (urls.length === 0) {
    void notify.info(`TeamChat cannot tell where #${link.number} is: none of your repositories has a remote on github.com, a gitlab host or bitbucket.org.`);
    return undefined;
  }
  const url = urls.length === 1 ? urls[0] : (await vscode.window.showQuickPick(urls, { title: `#${link.number}: in which repository?` }));
  if (!url) return undefined;
  const open = 'Open in Browser';
  if ((await notify.info(`Open ${url}?`, open)) !== open) return undefined;
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
  return url;
}

/** The distinct issue pages of #number over the remotes of the reader's repositories, "origin" first. */
async function issuePages(number: number): Promise<string[]> {
  const api = await gitApi();
  if (!api) return [];
  const urls = new Set<string>();
  for (const repository of await readerRepositories(api)) {
    const remotes = [...repository.state.remotes].sort((a, b) => Number(b.name === 'origin') - Number(a.name === 'origin'));
    for (const remote of remotes) {
      const parsed = parseRemoteUrl(remote.fetchUrl ?? remote.pushUrl ?? '');
      const url = parsed && issueUrl(parsed, number);
      if (url) urls.add(url);
    }
  }
  return [...urls];
}
