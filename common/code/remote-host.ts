// Where "#123" in a message points: the issue (or pull request) page on the host of the reader's
// own clone, read from a git remote's URL. Only hosts whose page layout is known get a link:
// github.com (which redirects an issue number that is a pull request), gitlab.com and gitlab.*
// hosts, bitbucket.org. Pure: nothing here asks the network.

export interface RemoteRepository {
  host: string;
  /** "owner/repo", or "group/subgroup/repo" on GitLab. */
  path: string;
}

const SEGMENT = /^[\w.-]{1,100}$/;
const HOST = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)+$/;
const MAX_URL = 2_000;

/**
 * The host and repository path of a remote URL: "https://github.com/o/r.git",
 * "git@github.com:o/r.git", "ssh://git@host:22/o/r", "https://user@bitbucket.org/o/r".
 */
export function parseRemoteUrl(url: string): RemoteRepository | undefined {
  if (url.length > MAX_URL) return undefined;
  let host: string;
  let rest: string;
  const scheme = /^(?:https?|ssh|git):\/\/(?:[^@/\\]*@)?([^/:]+)(?::\d{1,5})?\/(.*)$/i.exec(url);
  const scp = scheme ? null : /^(?:[^@/:]+@)?([^/:]+):(?!\/)(.*)$/.exec(url);
  if (scheme) [, host = '', rest = ''] = scheme;
  else if (scp) [, host = '', rest = ''] = scp;
  else return undefined;
  host = host.toLowerCase();
  const segments = rest.replace(/\/+$/, '').replace(/\.git$/, '').split('/');
  if (!HOST.test(host) || segments.length < 2 || !segments.every((s) => SEGMENT.test(s) && s !== '.' && s !== '..')) return undefined;
  return { host, path: segments.join('/') };
}

/** The page of issue `number` on the remote's host, or undefined for a host whose layout is not known. */
export function issueUrl(remote: RemoteRepository, number: number): string | undefined {
  if (!Number.isSafeInteger(number) || number < 1) return undefined;
  const parts = remote.path.split('/');
  if (remote.host === 'github.com' && parts.length === 2) return `https://github.com/${remote.path}/issues/${number}`;
  if (remote.host === 'bitbucket.org' && parts.length === 2) return `https://bitbucket.org/${remote.path}/issues/${number}`;
  if (remote.host === 'gitlab.com' || remote.host.startsWith('gitlab.')) return `https://${remote.host}/${remote.path}/-/issues/${number}`;
  return undefined;
}
