// Live delivery: no message is missed or shown twice. For every group the client remembers
// the last seq it has seen in order; an event right after it is taken as is, a gap (or a
// reconnect) fetches everything after it, and the timeline drops whatever it already holds.
// Work on one group's timeline runs one item at a time, in arrival order.

import { HISTORY_PAGE_MAX, type ChatEvent, type MessageView } from '../../common/api';
import type { ApiClient } from '../api/api-client';
import type { GroupDirectory } from '../groups/group-directory';
import type { ChatMessage } from '../messages/chat-message';
import type { MessageReader } from '../messages/message-reader';

export interface SyncHooks {
  /** Adds messages to the group's timeline; `announce` tells subscribers about new ones. */
  deliver(groupId: string, messages: ChatMessage[], announce: boolean): void;
}

export class LiveSync {
  /** Per group: every seq up to this one has been delivered in order. */
  private readonly cursors = new Map<string, number>();
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly api: ApiClient,
    private readonly groups: GroupDirectory,
    private readonly reader: MessageReader,
    private readonly username: string,
    private readonly hooks: SyncHooks,
    private readonly has: (groupId: string, seq: number) => boolean,
  ) {}

  /** Live delivery starts where the group stood when this client first saw it; older messages are history. */
  startAt(groupId: string, seq: number): void {
    if (!this.cursors.has(groupId)) this.cursors.set(groupId, seq);
  }

  forget(groupId: string): void {
    this.cursors.delete(groupId);
  }

  /** Runs `work` after everything queued for the group; a failure reaches the caller, not the queue. */
  enqueue(groupId: string, work: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(groupId) ?? Promise.resolve()).then(work);
    this.queues.set(groupId, next.catch(() => undefined));
    return next;
  }

  catchUp(groupId: string): Promise<void> {
    return this.enqueue(groupId, () => this.fetchAfterCursor(groupId));
  }

  async catchUpAll(): Promise<void> {
    await this.groups.refreshAll();
    await Promise.all(this.groups.list().map((group) => this.catchUp(group.id)));
  }

  /** Announces, as they are fetched, the messages after `seq` this client has not shown yet. */
  async followFrom(groupId: string, seq: number): Promise<void> {
    await this.enqueue(groupId, async () => {
      this.cursors.set(groupId, Math.min(seq, this.cursors.get(groupId) ?? seq));
    });
    await this.catchUp(groupId);
  }

  async handle(event: ChatEvent): Promise<void> {
    switch (event.type) {
      case 'message':
        return this.enqueue(event.groupId, () => this.receive(event.groupId, event.message));
      case 'member':
        if (event.username === this.username && (event.action === 'removed' || event.action === 'left')) {
          this.groups.forget(event.groupId);
          return;
        }
        if (event.username === this.username && event.action === 'added') {
          await this.groups.refreshAll();
          return;
        }
        await this.groups.refresh(event.groupId);
        return;
      case 'key':
        await this.groups.refresh(event.groupId);
        return;
      case 'group':
        if (event.action === 'deleted') this.groups.forget(event.groupId);
        else if (event.action === 'created') await this.groups.refreshAll();
        else await this.groups.refresh(event.groupId);
    }
  }

  private async receive(groupId: string, view: MessageView): Promise<void> {
    if (!this.groups.get(groupId)) await this.groups.refreshAll();
    if (!this.groups.get(groupId)) return;
    const cursor = this.cursors.get(groupId) ?? 0;
    if (view.seq > cursor + 1) return this.fetchAfterCursor(groupId);
    if (!this.has(groupId, view.seq)) this.hooks.deliver(groupId, await this.reader.read(groupId, [view]), true);
    if (view.seq === cursor + 1) this.cursors.set(groupId, view.seq);
  }

  private async fetchAfterCursor(groupId: string): Promise<void> {
    for (;;) {
      const cursor = this.cursors.get(groupId);
      if (cursor === undefined) return;
      const page = await this.api.history(groupId, { after: cursor, limit: HISTORY_PAGE_MAX });
      if (page.messages.length === 0) return;
      this.hooks.deliver(groupId, await this.reader.read(groupId, page.messages), true);
      this.cursors.set(groupId, Math.max(cursor, ...page.messages.map((m) => m.seq)));
      if (!page.hasMore) return;
    }
  }
}
