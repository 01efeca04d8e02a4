// What a thread's root shows: how many replies, who replied last (up to three, newest first,
// each once) and when. Pure: from the replies as a timeline holds them.

import type { ChatMessage } from '../messages/chat-message';

export interface ThreadSummary {
  replies: number;
  /** Newest first, each person once, at most three. */
  lastRepliers: string[];
  /** Server time of the newest reply. */
  lastReplyAt?: string;
}

const LAST_REPLIERS = 3;

/** Deleted replies are not counted; `replies` is in seq order, as a timeline gives it. */
export function summarizeThread(replies: readonly ChatMessage[]): ThreadSummary {
  const counted = replies.filter((m) => m.status === 'ok' && !m.deleted);
  const lastRepliers: string[] = [];
  for (let i = counted.length - 1; i >= 0 && lastRepliers.length < LAST_REPLIERS; i--) {
    const sender = (counted[i] as ChatMessage).sender;
    if (!lastRepliers.includes(sender)) lastRepliers.push(sender);
  }
  const last = counted.at(-1);
  return { replies: counted.length, lastRepliers, ...(last ? { lastReplyAt: last.createdAt } : {}) };
}

/** Replies from others after `readSeq`. */
export function unreadReplies(replies: readonly ChatMessage[], readSeq: number, me: string): number {
  return replies.filter((m) => m.seq > readSeq && m.sender !== me && m.status === 'ok' && !m.deleted).length;
}
