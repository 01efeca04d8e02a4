// The line under a thread's root, as in Slack: "3 replies · bob, carol · 5 min ago", with how
// many are new; a button that opens the thread. Names go in as text, never as markup.
import type { ThreadSummaryView } from '../../common/webview-protocol';
import { h } from '../dom';

/** "just now", "5 min ago", "3 h ago", then the date. */
export function timeAgo(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const minutes = Math.floor((now - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return new Date(then).toLocaleDateString([], { month: 'short', day: 'numeric' });
}

export function threadSummaryText(thread: ThreadSummaryView, now = Date.now()): string {
  const count = `${thread.replies} ${thread.replies === 1 ? 'reply' : 'replies'}`;
  return [count, thread.lastRepliers.join(', '), timeAgo(thread.lastReplyAt, now)].filter(Boolean).join(' · ');
}

export function renderThreadSummary(doc: Document, thread: ThreadSummaryView, open: () => void): HTMLElement {
  const text = threadSummaryText(thread);
  const unread = thread.unread > 0 ? `${thread.unread} new` : '';
  const line = h(doc, 'button', {
    className: 'thread-summary',
    attrs: { type: 'button', 'aria-label': `${text}${unread ? `, ${unread}` : ''}. Open the thread.`, title: 'Open the thread' },
  });
  line.append(h(doc, 'span', { className: 'thread-summary-text', text }));
  if (unread) line.append(h(doc, 'span', { className: 'thread-unread', text: unread, attrs: { 'aria-hidden': 'true' } }));
  line.addEventListener('click', open);
  return line;
}
