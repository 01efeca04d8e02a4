// "Seen by bob, carol" under the last message of a small group: the members whose read
// position, as the server claims it, reaches that message. Only a message the panel shows
// can be marked, so a position cannot make a message appear that does not exist.
import type { ChatMessageView } from '../../common/webview-protocol';
import { h } from '../dom';

/** common/api's READ_RECEIPTS_MAX_MEMBERS. */
export const SEEN_BY_MAX_MEMBERS = 10;

export function seenByNames(last: ChatMessageView | undefined, reads: readonly { username: string; seq: number }[], me: string | undefined): string[] {
  if (!last) return [];
  return reads.filter((r) => r.seq >= last.seq && r.username !== last.sender && r.username !== me).map((r) => r.username);
}

export class SeenBy {
  readonly element: HTMLElement;

  constructor(doc: Document) {
    this.element = h(doc, 'p', { className: 'seen-by', attrs: { title: 'The server says these members have read up to here; it is its word, not proof.' } });
    this.element.hidden = true;
  }

  show(names: readonly string[]): void {
    this.element.textContent = names.length ? `Seen by ${names.join(', ')}` : '';
    this.element.hidden = names.length === 0;
  }
}
