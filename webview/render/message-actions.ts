// The parts of a message you act on: the hover/focus toolbar (react, any other reaction from
// the emoji picker, reply, copy link, edit, delete), the reaction counts under it, and the
// quoted reference a reply carries.
import type { ChatMessageView } from '../../common/webview-protocol';
import { displayFileName } from '../../common/attachments/file-kinds';
import { h } from '../dom';

/** The small reaction set offered on every message. */
export const REACTIONS = ['👍', '🎉', '👀', '✅', '❤️'] as const;

export interface MessageActionHandlers {
  reply(msg: ChatMessageView): void;
  edit(msg: ChatMessageView): void;
  delete(msg: ChatMessageView): void;
  react(msg: ChatMessageView, reaction: string): void;
  /** Opens the emoji picker for the button `opener`; without it the toolbar offers only REACTIONS. */
  pickEmoji?(opener: HTMLElement, title: string, chosen: (emoji: string) => void): void;
  /** Puts a link to the message (its ids, never its text) on the clipboard. */
  copyLink(msg: ChatMessageView): void;
  /** Scrolls to and focuses the quoted original. */
  jumpTo(msgId: string): void;
  /** The message a reply quotes, if it is loaded. */
  find(msgId: string): ChatMessageView | undefined;
}

function iconButton(doc: Document, text: string, label: string, onClick: () => void, className = ''): HTMLButtonElement {
  const b = h(doc, 'button', { className: `icon-button ${className}`.trim(), text, attrs: { type: 'button', 'aria-label': label, title: label } });
  b.addEventListener('click', onClick);
  return b;
}

export function renderToolbar(doc: Document, msg: ChatMessageView, me: string | undefined, on: MessageActionHandlers): HTMLElement {
  const bar = h(doc, 'div', { className: 'message-actions', attrs: { role: 'toolbar', 'aria-label': `Actions for ${msg.sender}'s message` } });
  for (const r of REACTIONS) {
    if (!reactedBy(msg, r, me)) bar.append(iconButton(doc, r, `React with ${r}`, () => on.react(msg, r), 'react'));
  }
  if (on.pickEmoji) {
    const more = iconButton(doc, '☺+', 'Add reaction', () => on.pickEmoji?.(more, `React to ${msg.sender}'s message`, (r) => on.react(msg, r)), 'react-more');
    bar.append(more);
  }
  bar.append(iconButton(doc, '↩', 'Reply', () => on.reply(msg), 'reply'));
  bar.append(iconButton(doc, '🔗', 'Copy link', () => on.copyLink(msg), 'copy-link'));
  if (msg.isMine) {
    bar.append(iconButton(doc, '✎', 'Edit', () => on.edit(msg), 'edit'));
    bar.append(iconButton(doc, '🗑', 'Delete', () => on.delete(msg), 'delete'));
  }
  return bar;
}

function reactedBy(msg: ChatMessageView, reaction: string, me: string | undefined): boolean {
  // Own keys only: a reaction is any text a member chose, "constructor" included.
  return !!me && !!msg.reactions && Object.hasOwn(msg.reactions, reaction) && (msg.reactions[reaction] ?? []).includes(me);
}

/** One pill per reaction: count shown, who reacted in the tooltip and the accessible name. */
export function renderReactions(doc: Document, msg: ChatMessageView, me: string | undefined, on: MessageActionHandlers): HTMLElement | undefined {
  const entries = Object.entries(msg.reactions ?? {}).filter(([, who]) => who.length > 0);
  if (entries.length === 0) return undefined;
  const list = h(doc, 'ul', { className: 'reactions', attrs: { 'aria-label': 'Reactions' } });
  for (const [reaction, who] of entries) {
    const mine = reactedBy(msg, reaction, me);
    const names = who.map((u) => (u === me ? 'you' : u)).join(', ');
    // A reaction toggles: pressing your own takes it back, pressing another's adds yours.
    const label = `${reaction} ${who.length}: ${names}. ${mine ? 'Press to take back your reaction' : `Press to react with ${reaction} too`}`;
    const pill = h(doc, 'button', { className: 'reaction', attrs: { type: 'button', 'aria-label': label, title: `Reacted with ${reaction}: ${names}`, 'aria-pressed': String(mine) } });
    pill.append(h(doc, 'span', { text: reaction, attrs: { 'aria-hidden': 'true' } }), h(doc, 'span', { className: 'reaction-count', text: String(who.length), attrs: { 'aria-hidden': 'true' } }));
    pill.addEventListener('click', () => on.react(msg, reaction));
    list.append(h(doc, 'li', {}, pill));
  }
  return list;
}

/** The short text a quote shows of a message. */
export function excerpt(msg: ChatMessageView | undefined): string {
  if (!msg) return 'an earlier message';
  if (msg.deleted) return 'This message was deleted.';
  if (msg.integrity !== 'ok') return 'a message that could not be verified';
  // A quote is plain text: Markdown marks would show as literal asterisks and backticks.
  const text = (msg.body || (msg.snippet ? msg.snippet.path : '') || (msg.file ? displayFileName(msg.file.name) : '')).replace(/[*_~`#>]+/g, '').replace(/\s+/g, ' ').trim();
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

export function renderReplyQuote(doc: Document, replyTo: string, on: MessageActionHandlers): HTMLElement {
  const original = on.find(replyTo);
  const who = original ? original.sender : 'someone';
  const quote = h(doc, 'button', { className: 'reply-quote', attrs: { type: 'button', 'aria-label': `In reply to ${who}: ${excerpt(original)}. Go to the original.` } });
  quote.append(h(doc, 'span', { className: 'reply-sender', text: who }), h(doc, 'span', { className: 'reply-text', text: excerpt(original) }));
  quote.addEventListener('click', () => on.jumpTo(replyTo));
  return quote;
}
