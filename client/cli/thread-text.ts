// The line `teamchat read` prints under a thread's root, and the thread itself.

import type { ThreadSummary } from '../threads/thread-summary';
import { terminalLine } from './terminal-text';

/** "  ↳ 3 replies · bob, carol · last 2026-12-01 17:20 · 1 unread" */
export function threadSummaryLine(summary: ThreadSummary & { unread: number }): string {
  const when = summary.lastReplyAt ? ` · last ${summary.lastReplyAt.replace('T', ' ').replace(/:\d{2}(\.\d+)?Z$/, '')}` : '';
  const unread = summary.unread ? ` · ${summary.unread} unread` : '';
  return `  ↳ ${summary.replies} ${summary.replies === 1 ? 'reply' : 'replies'} · ${summary.lastRepliers.map(terminalLine).join(', ')}${when}${unread}`;
}
