// A dot before each member's name in the member list (online, away, or nothing: offline or
// not shared), and one by the title of a two-person group for the other person.
import { h } from '../dom';

export type ShownPresence = 'online' | 'away' | 'offline';

const LABEL: Record<ShownPresence, string> = {
  online: 'online (the server says)',
  away: 'away (the server says)',
  offline: 'offline, or not sharing presence',
};

export function presenceDot(doc: Document, presence: ShownPresence): HTMLElement {
  return h(doc, 'span', { className: 'presence-dot', attrs: { 'data-presence': presence, title: LABEL[presence], role: 'img', 'aria-label': LABEL[presence] } });
}

/** Puts (or replaces) the dot in each `li[data-username]` of the list. */
export function markPresence(list: HTMLElement, presenceOf: (username: string) => ShownPresence): void {
  const doc = list.ownerDocument;
  for (const item of Array.from(list.querySelectorAll<HTMLElement>('li[data-username]'))) {
    const dot = presenceDot(doc, presenceOf(item.dataset.username ?? ''));
    const old = item.querySelector(':scope > .presence-dot');
    if (old) old.replaceWith(dot);
    else item.prepend(dot);
  }
}
