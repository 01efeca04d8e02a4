// Opening a message link for a member: the group must be one of theirs, and the message is
// looked for in its history, loading older pages as needed up to a bound, before the chat is
// asked to show it. What stands in the way is said in words for a person, and then nothing opens.
import type { ChatMessageView } from '../common/webview-protocol';
import type { ChatService } from './chat-service';
import { MessageLinkError, type MessageRef } from './message-links';

/** Older pages (of 50) a link may load: far enough back for any link worth following, never the whole history. */
const MESSAGE_LINK_MAX_PAGES = 20;

export interface LinkedMessage extends MessageRef {
  groupName: string;
  /** Deleted for everyone: the chat shows where it was, and the user is told. */
  deleted: boolean;
}

export interface MessageLinkHost {
  /** Shows the group in the chat, scrolled to the message and highlighting it. */
  show(ref: MessageRef): Promise<void>;
  /** Something the user should know, in one sentence. */
  inform(text: string): void;
}

export async function openMessageLink(session: ChatService, ref: MessageRef, host: MessageLinkHost, maxPages = MESSAGE_LINK_MAX_PAGES): Promise<LinkedMessage> {
  const found = await findLinkedMessage(session, ref, maxPages);
  await host.show(ref);
  if (found.deleted) host.inform(`The message this link points to in ${found.groupName} was deleted; the chat shows where it was.`);
  return found;
}

async function findLinkedMessage(session: ChatService, ref: MessageRef, maxPages = MESSAGE_LINK_MAX_PAGES): Promise<LinkedMessage> {
  if (!session.groups().some((g) => g.id === ref.groupId)) {
    throw new MessageLinkError('This link points to a message in a group you are not in: ask one of its members to add you, then open the link again.');
  }
  const page = await session.openGroup({ groupId: ref.groupId });
  const name = page.group.name;
  let messages: ChatMessageView[] = page.messages;
  let hasMore = page.hasMore;
  let looked = 0;
  let oldest = Number.MAX_SAFE_INTEGER;
  for (let pages = 0; ; pages++) {
    const message = messages.find((m) => m.msgId === ref.msgId);
    if (message) return { ...ref, groupName: name, deleted: message.deleted };
    looked += messages.length;
    if (!hasMore) throw new MessageLinkError(`The message this link points to is not in ${name}: the link may be from another TeamChat server, or changed on the way.`);
    if (pages >= maxPages) throw new MessageLinkError(`The message this link points to is older than the last ${looked} messages of ${name}; scroll up in the chat to find it.`);
    oldest = Math.min(oldest, messages[0]?.seq ?? oldest);
    ({ messages, hasMore } = await session.loadOlder({ groupId: ref.groupId, beforeSeq: oldest }));
  }
}
