// An invite as a link: vscode://teamchat.teamchat/invite?server=<url>&code=<code>. VS Code hands
// it to the extension, which opens Sign Up with both filled in. A vscode:// link is opened by
// the operating system on this machine, so its query is never sent to a web server (nor its
// fragment); the code is still a credential in whatever chat or mail carries the link, which
// is why invites are single-use and short-lived by default, and can name the one username.
import { INVITE_CODE_PATTERN } from '../../common/api/invites';
import { TeamChatClientError } from '../errors';
import { InvalidServerUrlError, normalizeServerUrl } from '../api/server-url';

/** publisher.name in package.json: VS Code hands vscode://<this>/... to the extension. */
const EXTENSION_AUTHORITY = 'teamchat.teamchat';
export const INVITE_LINK_PATH = '/invite';
const INVITE_CODE = new RegExp(INVITE_CODE_PATTERN);
const MAX_LINK_CHARS = 500;

export interface InviteRef {
  /** The server's address, normalized. */
  server: string;
  code: string;
}

export class InviteLinkError extends TeamChatClientError {}

const NOT_AN_INVITE = 'That is not a TeamChat invite link; it looks like vscode://teamchat.teamchat/invite?server=…&code=….';

export function inviteLink(server: string, code: string): string {
  return `vscode://${EXTENSION_AUTHORITY}${INVITE_LINK_PATH}?server=${encodeURIComponent(normalizeServerUrl(server))}&code=${code}`;
}

/** The server and code of a link, from the parts of a URI VS Code opened (query decoded or not). */
export function inviteFromParts(parts: { authority: string; path: string; query: string }): InviteRef {
  if (parts.authority.toLowerCase() !== EXTENSION_AUTHORITY || parts.path !== INVITE_LINK_PATH || parts.query.length > MAX_LINK_CHARS) {
    throw new InviteLinkError(NOT_AN_INVITE);
  }
  const query = new URLSearchParams(parts.query);
  const server = query.get('server');
  const code = query.get('code');
  if (!server || !code || [...query.keys()].length !== 2) throw new InviteLinkError(NOT_AN_INVITE);
  if (!INVITE_CODE.test(code)) throw new InviteLinkError('The invite code in this link is damaged; ask for the link again.');
  try {
    return { server: normalizeServerUrl(server), code };
  } catch (error) {
    if (error instanceof InvalidServerUrlError) throw new InviteLinkError('The server address in this invite link is not one TeamChat can use; ask for the link again.');
    throw error;
  }
}

/** The server and code of an invite link a person pasted. */
export function parseInviteLink(text: string): InviteRef {
  let url: URL | undefined;
  try {
    url = new URL(text.trim());
  } catch {
    url = undefined;
  }
  return inviteFromParts(url ? { authority: url.host, path: url.pathname, query: url.search.slice(1) } : { authority: '', path: '', query: '' });
}
