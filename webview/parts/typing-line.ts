// "bob is typing…" above the composer. Names are member text: textContent only. It also goes
// by itself TYPING_LINE_MS after the last word from the host, should the host fall silent.
import { h } from '../dom';

/** common/api's TYPING_EXPIRES_MS (the webview does not load the API schemas). */
export const TYPING_LINE_MS = 6_000;

export function typingText(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'several people are typing…';
}

/** Runs `run` after `ms`; answers a function that cancels it. */
export type Schedule = (ms: number, run: () => void) => () => void;

const realSchedule: Schedule = (ms, run) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

export class TypingLine {
  readonly element: HTMLElement;
  private cancelExpiry: (() => void) | undefined;

  constructor(doc: Document, private readonly schedule: Schedule = realSchedule) {
    this.element = h(doc, 'p', { className: 'typing-line' });
    this.element.hidden = true;
  }

  show(names: readonly string[]): void {
    this.cancelExpiry?.();
    this.cancelExpiry = undefined;
    const text = typingText(names);
    this.element.textContent = text;
    this.element.hidden = text === '';
    if (text) this.cancelExpiry = this.schedule(TYPING_LINE_MS, () => this.show([]));
  }
}
