// What the reader has seen: a "New messages" divider above the first unread message (when the
// group opens, or the first to arrive while scrolled up), a "Jump to latest (N new)" button
// while news waits below, and markRead only up to the last message scrolled into view.
// Layout is read through scrollTop/scrollHeight/clientHeight and getBoundingClientRect, which
// a test without layout sets by hand.
import type { ChatMessageView } from '../../common/webview-protocol';
import { button, h } from '../dom';

export interface ReadHost {
  readonly history: HTMLElement;
  readonly log: HTMLElement;
  messages(): readonly ChatMessageView[];
  element(msgId: string): HTMLElement | undefined;
  /** The chat is in front of the user, so what is on screen is seen. */
  canRead(): boolean;
  markRead(seq: number): void;
}

/** How close to the bottom (px) counts as at the bottom, where everything is on screen. */
const AT_BOTTOM = 40;

export function isAtBottom(history: HTMLElement): boolean {
  return history.scrollHeight - history.scrollTop - history.clientHeight < AT_BOTTOM;
}

export class ReadPosition {
  readonly jumpButton: HTMLElement;
  private readonly divider: HTMLElement;
  /** Read on this device up to here (what the host was last told). */
  private readUpTo = 0;
  /** The divider stands above this message. */
  private dividerSeq: number | undefined;

  constructor(doc: Document, private readonly host: ReadHost) {
    this.divider = h(doc, 'div', { className: 'new-divider', attrs: { role: 'separator', 'aria-label': 'New messages' } }, h(doc, 'span', { text: 'New messages' }));
    this.jumpButton = button(doc, 'Jump to latest', () => this.jump());
    this.jumpButton.classList.add('jump-latest');
    this.jumpButton.hidden = true;
    host.history.addEventListener('scroll', () => this.seen());
  }

  /** A chat shown afresh; `readSeq` is how far the user had read it (unknown: no divider). */
  reset(readSeq: number | undefined): void {
    this.readUpTo = readSeq ?? 0;
    this.dividerSeq = readSeq === undefined ? undefined : this.host.messages().find((m) => m.seq > readSeq && !m.isMine)?.seq;
    this.place();
    this.update();
  }

  /** A new message is in the log; `wasAtBottom` says whether the reader was following along. */
  arrived(message: ChatMessageView, wasAtBottom: boolean): void {
    const dividerRead = this.dividerSeq === undefined || this.dividerSeq <= this.readUpTo;
    if (!wasAtBottom && !message.isMine && message.seq > this.readUpTo && dividerRead) this.dividerSeq = message.seq;
    this.place();
    this.seen();
  }

  /** Marks read up to the last message on screen, if the user can see the chat. */
  seen(): void {
    const last = this.lastOnScreen();
    if (last > this.readUpTo && this.host.canRead()) {
      this.readUpTo = last;
      this.host.markRead(last);
    }
    this.update();
  }

  /** Puts the divider back above its message (after the log was rebuilt or grew). */
  place(): void {
    const target = this.host.messages().find((m) => m.seq === this.dividerSeq);
    const el = target && this.host.element(target.msgId);
    if (el) this.host.log.insertBefore(this.divider, el);
    else this.divider.remove();
  }

  private jump(): void {
    this.host.history.scrollTop = this.host.history.scrollHeight;
    this.seen();
  }

  private update(): void {
    const waiting = this.host.messages().filter((m) => m.seq > this.readUpTo && !m.isMine).length;
    this.jumpButton.hidden = waiting === 0 || isAtBottom(this.host.history);
    this.jumpButton.textContent = `Jump to latest (${waiting} new)`;
  }

  /** The seq of the last message whose top has scrolled into view. */
  private lastOnScreen(): number {
    const messages = this.host.messages();
    if (isAtBottom(this.host.history)) return messages.at(-1)?.seq ?? 0;
    const bottom = this.host.history.getBoundingClientRect().bottom;
    let last = 0;
    for (const m of messages) {
      const el = this.host.element(m.msgId);
      if (!el) continue;
      if (el.getBoundingClientRect().top >= bottom) break;
      last = m.seq;
    }
    return last;
  }
}
