// What the user sent but the host has not confirmed yet, per group, sent one after the other in
// the order of the Enters. A send that fails stays at the head with its error and holds the rest
// of its group's queue until it is retried or discarded: a chat that went on without it would
// read out of order ("yes" arriving before the question it answers).
import type { RequestHandlers, RequestParams } from '../../common/webview-protocol';
import { errorMessage } from '../../common/error-message';

export type OutgoingState = 'sending' | 'waiting' | 'failed';

export interface Outgoing {
  /** Local only: the message has no msgId until the host has sent it. */
  readonly key: number;
  readonly params: RequestParams<'send'>;
  state: OutgoingState;
  error?: string;
}

export class SendQueue {
  private readonly queues = new Map<string, Outgoing[]>();
  private nextKey = 1;

  /** `changed` hears of every change to a group's queue, to show it again. */
  constructor(private readonly send: RequestHandlers['send'], private readonly changed: (groupId: string) => void) {}

  add(params: RequestParams<'send'>): void {
    const queue = this.queues.get(params.groupId) ?? [];
    this.queues.set(params.groupId, queue);
    queue.push({ key: this.nextKey++, params, state: 'waiting' });
    this.changed(params.groupId);
    void this.sendNext(params.groupId);
  }

  of(groupId: string): readonly Outgoing[] {
    return this.queues.get(groupId) ?? [];
  }

  retry(key: number): void {
    const item = this.find(key);
    if (item?.state !== 'failed') return;
    item.state = 'waiting';
    delete item.error;
    this.changed(item.params.groupId);
    void this.sendNext(item.params.groupId);
  }

  /** The user gives up on a message that failed; the ones after it go on. */
  discard(key: number): void {
    const item = this.find(key);
    if (item?.state !== 'failed') return;
    this.remove(item);
    void this.sendNext(item.params.groupId);
  }

  private async sendNext(groupId: string): Promise<void> {
    const head = this.queues.get(groupId)?.[0];
    if (head?.state !== 'waiting') return;
    head.state = 'sending';
    this.changed(groupId);
    try {
      await this.send(head.params);
    } catch (e) {
      head.state = 'failed';
      head.error = errorMessage(e);
      this.changed(groupId);
      return;
    }
    this.remove(head);
    void this.sendNext(groupId);
  }

  private remove(item: Outgoing): void {
    const queue = this.queues.get(item.params.groupId) ?? [];
    queue.splice(queue.indexOf(item), 1);
    this.changed(item.params.groupId);
  }

  private find(key: number): Outgoing | undefined {
    for (const queue of this.queues.values()) {
      const item = queue.find((o) => o.key === key);
      if (item) return item;
    }
    return undefined;
  }
}
