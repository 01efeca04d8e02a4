// Every thread this client knows of, each a Timeline of its own (the replies, and the edits,
// deletes and reactions aimed at them; the root lives in the group timeline), fed from two places: whatever the group timelines
// take in (live, catch-up, history), and the pages read by thread tag. A thread page never
// goes into the group timeline, whose lowest seq is where older history is paged from.
// A message joins a thread only on what its own verified envelope says, so a server that
// moves a tag can withhold or mix messages, never place one in a thread.

import type { ChatMessage } from '../messages/chat-message';
import { Timeline } from '../messages/timeline';

interface ThreadState {
  timeline: Timeline;
  /** Replies up to this seq have been seen. */
  readSeq: number;
}

function key(groupId: string, root: string): string {
  return `${groupId}/${root}`;
}

/** The root a verified message claims, from its own envelope. */
export function claimedRoot(m: ChatMessage): string | undefined {
  return m.status === 'ok' ? m.threadRoot : undefined;
}

export class ThreadStore {
  private readonly threads = new Map<string, ThreadState>();

  /** `readSeqOf`: where a thread first seen starts as read (the group's read cursor). */
  constructor(private readonly readSeqOf: (groupId: string) => number) {}

  /**
   * Sorts messages into the threads they claim. A change that claims none but aims at a reply
   * held (from a client that does not tag changes) joins that reply's thread.
   */
  take(groupId: string, messages: readonly ChatMessage[]): void {
    for (const m of messages) {
      const root = claimedRoot(m);
      if (root !== undefined) {
        this.state(groupId, root).timeline.insert([m]);
      } else if (m.status === 'ok' && m.target !== undefined) {
        this.holding(groupId, m.target)?.timeline.insert([m]);
      }
    }
  }

  /** Messages a thread-tag page gave; only those whose own envelope names `root` are taken. Answers how many were not. */
  takePage(groupId: string, root: string, messages: readonly ChatMessage[]): number {
    const belongs = messages.filter((m) => claimedRoot(m) === root);
    this.state(groupId, root).timeline.insert(belongs);
    return messages.length - belongs.length;
  }

  has(groupId: string, root: string): boolean {
    return this.threads.has(key(groupId, root));
  }

  /** Replies in seq order, their edits, deletes and reactions folded in. */
  replies(groupId: string, root: string): ChatMessage[] {
    const timeline = this.threads.get(key(groupId, root))?.timeline;
    return timeline ? timeline.everything().filter((m) => claimedRoot(m) === root) : [];
  }

  /** A message held in any thread of the group, by msgId. */
  find(groupId: string, msgId: string): ChatMessage | undefined {
    return this.holding(groupId, msgId)?.timeline.get(msgId);
  }

  /** The lowest seq held, to page the thread back from. */
  firstSeq(groupId: string, root: string): number | undefined {
    return this.threads.get(key(groupId, root))?.timeline.firstSeq;
  }

  readSeq(groupId: string, root: string): number {
    return this.state(groupId, root).readSeq;
  }

  markRead(groupId: string, root: string, seq: number): void {
    const state = this.state(groupId, root);
    state.readSeq = Math.max(state.readSeq, seq);
  }

  forget(groupId: string): void {
    for (const k of [...this.threads.keys()]) if (k.startsWith(`${groupId}/`)) this.threads.delete(k);
  }

  private holding(groupId: string, msgId: string): ThreadState | undefined {
    for (const [k, state] of this.threads) if (k.startsWith(`${groupId}/`) && state.timeline.get(msgId)) return state;
    return undefined;
  }

  private state(groupId: string, root: string): ThreadState {
    let state = this.threads.get(key(groupId, root));
    if (!state) {
      state = { timeline: new Timeline(), readSeq: this.readSeqOf(groupId) };
      this.threads.set(key(groupId, root), state);
    }
    return state;
  }
}
