// Brings a message into the open chat: older pages are loaded until it is there, up to a
// bound, and never past its seq when that is known (a search result's), so a message that was
// deleted or is not there does not load the whole history.
import type { RequestHandlers } from '../../common/webview-protocol';
import type { ChatStore } from '../chat-store';

/** Older pages (of 50) a jump may load: far back, never without end. */
export const FIND_MAX_PAGES = 100;

/** True once the message is in the store's chat of `groupId`. */
export async function loadUntilShown(
  store: ChatStore, groupId: string, msgId: string, seq: number | undefined, loadOlder: RequestHandlers['loadOlder'], maxPages = FIND_MAX_PAGES,
): Promise<boolean> {
  for (let page = 0; ; page++) {
    const chat = store.chats.get(groupId);
    if (!chat) return false;
    if (chat.messages.some((m) => m.msgId === msgId)) return true;
    const oldest = chat.messages[0];
    if (!chat.hasMore || page >= maxPages || (seq !== undefined && oldest !== undefined && oldest.seq < seq)) return false;
    await loadOlder({ groupId, beforeSeq: oldest ? oldest.seq : Number.MAX_SAFE_INTEGER });
  }
}
