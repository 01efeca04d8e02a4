// What the panel itself saw, and when: a script put into the chat webview that notes each
// Enter in the composer and the moment each message first shows in the history (as sent, not
// as pending), on the page's own clocks. The suite reads it to say how long a person waits.
import type { Frame } from 'playwright-core';

export interface Seen {
  /** performance.now() of each Enter pressed in the composer, in order. */
  enters: number[];
  /** body -> { perf: performance.now(), wall: Date.now() } when it first showed as sent. */
  shown: Record<string, { perf: number; wall: number }>;
}

const WATCH = `(() => {
  if (window.teamchatSeen) return;
  const seen = { enters: [], shown: {} };
  window.teamchatSeen = seen;
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && e.target?.closest?.('#send-box')) seen.enters.push(performance.now());
  }, true);
  const note = () => {
    for (const body of document.querySelectorAll('.message-log .message .body')) {
      const text = body.textContent ?? '';
      if (text && !(text in seen.shown)) seen.shown[text] = { perf: performance.now(), wall: Date.now() };
    }
  };
  new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
  note();
})()`;

/** Starts watching (again, after a reload: the page is new). Page code as text: this program has no DOM types. */
export async function watchPanel(frame: Frame): Promise<void> {
  await frame.evaluate(WATCH);
}

export async function seen(frame: Frame): Promise<Seen> {
  return frame.evaluate('window.teamchatSeen') as Promise<Seen>;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
