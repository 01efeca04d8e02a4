// The message log's day separators ("Today", "Yesterday", "Monday, November 30") and runs: a
// message from the sender of the one just above, within a few minutes on the same day, is
// compact (no name, its time a small label shown on hover), as in Slack. Each message keeps
// its full aria-label, so a screen reader still hears who and when.
//
// `arrangeTimeline` walks the whole log after every change (a message inserted, updated,
// deleted, or a page of older ones), keeping a separator that is still right where it is, so
// the live region does not announce the same day again.
import type { ChatMessageView } from '../../common/webview-protocol';

/** How close (ms) a message must follow the one above from the same sender to join its run. */
export const RUN_GAP_MS = 5 * 60_000;

const SEPARATOR = 'day-separator';

export function arrangeTimeline(log: HTMLElement, messages: readonly ChatMessageView[], now = new Date()): void {
  const byId = new Map(messages.map((m) => [m.msgId, m]));
  const doc = log.ownerDocument;
  let lastDay: string | undefined;
  let previous: ChatMessageView | undefined;
  let separator: HTMLElement | undefined;
  for (const child of [...log.children] as HTMLElement[]) {
    if (child.classList.contains(SEPARATOR)) {
      separator?.remove();
      separator = child;
      continue;
    }
    const msg = child.classList.contains('message') ? byId.get(child.dataset.msgId ?? '') : undefined;
    // A change note or the "new messages" divider is left where it is, and does not break a run.
    if (!msg) continue;
    const day = dayKey(msg.sentAt);
    const newDay = day !== lastDay;
    if (newDay && day) {
      const label = dayLabel(msg.sentAt, now);
      if (separator?.dataset.day !== day) {
        separator?.remove();
        separator = doc.createElement('div');
        separator.className = SEPARATOR;
        separator.setAttribute('role', 'separator');
        separator.dataset.day = day;
        child.before(separator);
      }
      if (separator.textContent !== label) separator.textContent = label;
      separator.setAttribute('aria-label', label);
    } else {
      separator?.remove();
    }
    separator = undefined;
    child.classList.toggle('compact', !newDay && continuesRun(previous, msg));
    previous = msg;
    lastDay = day;
  }
  separator?.remove();
}

function continuesRun(previous: ChatMessageView | undefined, msg: ChatMessageView): boolean {
  if (!previous || previous.sender !== msg.sender) return false;
  const gap = Date.parse(msg.sentAt) - Date.parse(previous.sentAt);
  return gap >= 0 && gap <= RUN_GAP_MS;
}

/** The local calendar day of a time, as "yyyy-m-d"; '' for a time that does not parse. */
function dayKey(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export function dayLabel(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const days = Math.round((today.getTime() - new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  const sameYear = d.getFullYear() === now.getFullYear();
  return d.toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) });
}
