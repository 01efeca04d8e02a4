// Every group's timeline this client holds, and the one way messages get into them: the
// timeline drops what it holds already and folds edits and reactions; subscribers hear of
// what is new (live) and of what changed in messages already shown.

import type { ChatMessage } from './chat-message';
import { Timeline, type TimelineChanges } from './timeline';

export interface TimelineListener {
  added(message: ChatMessage): void;
  updated(message: ChatMessage): void;
  /** Every delivery, announced or not (history pages too), with what it brought: for the search index. */
  delivered?(timeline: Timeline, incoming: readonly ChatMessage[], changes: TimelineChanges): void;
}

export class Timelines {
  private readonly byGroup = new Map<string, Timeline>();

  /** `tap` hears of every message delivered, as its timeline holds it, before the listener (threads fold from it). */
  constructor(private readonly listener: TimelineListener, private readonly tap?: (groupId: string, held: ChatMessage[]) => void) {}

  of(groupId: string): Timeline {
    let timeline = this.byGroup.get(groupId);
    if (!timeline) {
      timeline = new Timeline();
      this.byGroup.set(groupId, timeline);
    }
    return timeline;
  }

  held(groupId: string): Timeline | undefined {
    return this.byGroup.get(groupId);
  }

  forget(groupId: string): void {
    this.byGroup.delete(groupId);
  }

  /**
   * Adds messages and tells the listener. The messages of a history page are returned, not
   * announced; what the page changes in messages already shown (a later one found to use a
   * stale key) is announced.
   */
  deliver(groupId: string, messages: ChatMessage[], announce: boolean): void {
    const timeline = this.of(groupId);
    const changes = timeline.insert(messages);
    this.tap?.(groupId, messages.map((m) => timeline.get(m.msgId) ?? m));
    if (announce) for (const message of changes.added) this.listener.added(message);
    for (const message of changes.updated) this.listener.updated(message);
    this.listener.delivered?.(timeline, messages, changes);
  }
}
