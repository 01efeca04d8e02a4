// A link to one message: vscode://teamchat.teamchat/message?group=<groupId>&msg=<msgId>. Ids
// only, never text, so a link pasted anywhere says nothing of what was written. Read strictly:
// a link has exactly that shape or it is refused in words, and nothing else happens. The words
// never repeat the input, which may be long, or made to look like something it is not.
import { TeamChatClientError } from '../client/errors';
import { GROUP_ID_PATTERN, MSG_ID_PATTERN } from '../common/api/primitives';

/** publisher.name in package.json: VS Code hands vscode://<this>/... to this extension. */
export const EXTENSION_AUTHORITY = 'teamchat.teamchat';
export const MESSAGE_LINK_PATH = '/message';
/** Our own links have 114 characters; anything much longer is not one. */
const MAX_LINK_CHARS = 200;
const GROUP_ID = new RegExp(GROUP_ID_PATTERN);
const MSG_ID = new RegExp(MSG_ID_PATTERN);
/** scheme://authority/path?query#fragment; the scheme differs by editor (vscode, vscode-insiders, code-oss). */
const LINK = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i;

export interface MessageRef {
  groupId: string;
  msgId: string;
}

/** A link as VS Code's URI handler hands it over (vscode.Uri's parts, query decoded). */
export interface LinkParts {
  authority: string;
  path: string;
  query: string;
  fragment: string;
}

export class MessageLinkError extends TeamChatClientError {}

const NOT_A_LINK = 'That is not a TeamChat message link. Copy one with "Copy link" on a message; it looks like vscode://teamchat.teamchat/message?group=…&msg=….';

export function isMessageRef(value: unknown): value is MessageRef {
  if (typeof value !== 'object' || value === null) return false;
  const { groupId, msgId } = value as { groupId?: unknown; msgId?: unknown };
  return typeof groupId === 'string' && GROUP_ID.test(groupId) && typeof msgId === 'string' && MSG_ID.test(msgId);
}

export function messageLink(ref: MessageRef): string {
  if (!isMessageRef(ref)) throw new MessageLinkError('TeamChat can link only to a message with a valid group and message id.');
  return `vscode://${EXTENSION_AUTHORITY}${MESSAGE_LINK_PATH}?group=${ref.groupId}&msg=${ref.msgId}`;
}

/** The message a link names, from text a person pasted. */
export function parseMessageLink(text: unknown): MessageRef {
  if (typeof text !== 'string') throw new MessageLinkError(NOT_A_LINK);
  const trimmed = text.trim();
  const m = trimmed.length <= MAX_LINK_CHARS ? LINK.exec(trimmed) : null;
  if (!m) throw new MessageLinkError(NOT_A_LINK);
  return messageRefFromParts({ authority: m[2]!, path: m[3]!, query: m[4] ?? '', fragment: m[5] ?? '' });
}

/** The message a link names, from the parts of a URI VS Code opened. */
export function messageRefFromParts(parts: LinkParts): MessageRef {
  const lengths = parts.authority.length + parts.path.length + parts.query.length + parts.fragment.length;
  if (lengths > MAX_LINK_CHARS || parts.authority.toLowerCase() !== EXTENSION_AUTHORITY || parts.path !== MESSAGE_LINK_PATH || parts.fragment !== '') {
    throw new MessageLinkError(NOT_A_LINK);
  }
  const values = new Map<string, string>();
  for (const pair of parts.query.split('&')) {
    const at = pair.indexOf('=');
    const key = at < 0 ? pair : pair.slice(0, at);
    if ((key !== 'group' && key !== 'msg') || at < 0 || values.has(key)) throw new MessageLinkError(NOT_A_LINK);
    values.set(key, pair.slice(at + 1));
  }
  const groupId = values.get('group');
  const msgId = values.get('msg');
  // Ids are lowercase hex and dashes, never percent-encoded: the patterns refuse anything else.
  if (groupId === undefined || msgId === undefined) throw new MessageLinkError(NOT_A_LINK);
  if (!GROUP_ID.test(groupId)) throw new MessageLinkError('This TeamChat link names no valid group: check that it was copied whole.');
  if (!MSG_ID.test(msgId)) throw new MessageLinkError('This TeamChat link names no valid message: check that it was copied whole.');
  return { groupId, msgId };
}
