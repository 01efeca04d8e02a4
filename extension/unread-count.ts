// The one unread count the activity-bar badge, its tooltip and the status bar all show, and
// the words for it. Muted groups are left out; a "Mentions only" group adds only its mentions.
import type { NotifyLevel } from '../common/webview-protocol';

export interface GroupUnreadCount {
  notify: NotifyLevel;
  unread: number;
  /** Unread messages that mention the user. */
  mentions: number;
}

export interface UnreadCount {
  messages: number;
  /** How many groups those messages are in. */
  groups: number;
}

export const NO_UNREAD: UnreadCount = { messages: 0, groups: 0 };

function countedUnread(g: GroupUnreadCount): number {
  if (g.notify === 'muted') return 0;
  return g.notify === 'mentions' ? g.mentions : g.unread;
}

export function countUnread(groups: readonly GroupUnreadCount[]): UnreadCount {
  let messages = 0;
  let inGroups = 0;
  for (const g of groups) {
    const n = countedUnread(g);
    messages += n;
    if (n > 0) inGroups++;
  }
  return { messages, groups: inGroups };
}

/** "3 unread in 2 groups"; "No unread messages" when there are none. */
export function unreadWords(count: UnreadCount): string {
  if (count.messages === 0) return 'No unread messages';
  return `${count.messages} unread in ${count.groups} group${count.groups === 1 ? '' : 's'}`;
}

/** The activity-bar badge (a vscode.ViewBadge): none when nothing counts. */
export function unreadBadge(count: UnreadCount): { value: number; tooltip: string } | undefined {
  return count.messages > 0 ? { value: count.messages, tooltip: unreadWords(count) } : undefined;
}
