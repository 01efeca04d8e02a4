// The outbox: what the user sent but the host has not confirmed yet, per group, sent one after
// the other in the order of the Enters. Each message gets its msgId when it is queued, so a
// resend (after a reconnect or a reload) is the same message and the server stores it once.
// While the connection is not online the queue waits ("offline") and goes out by itself when it
// is back; a send that failed because the server was unreachable goes back to waiting. Any other
// failure stays at the head with its error and holds the rest of its group's queue until it is
// retried or discarded: a chat that went on without it would read out of order.
import type { RequestHandlers, RequestParams } from '../../common/webview-protocol';
import { errorMessage } from '../../common/error-message';

export type OutgoingState = 'sending' | 'waiting' | 'offline' | 'failed';

export type QueuedSend = RequestParams<'send'> & { msgId: string };

export interface Outgoing {
  /** Local only, for the buttons; the msgId is in params. */
  readonly key: number;
  readonly params: QueuedSend;
  state: OutgoingState;
  error?: string;
}

/** What the panel keeps over a reload: every queued message in order, and why it failed if it did. */
export interface SavedOutgoing {
  params: QueuedSend;
  error?: string;
}

/** The server or VS Code could not be reached: sending again with the same msgId is safe. */
const UNREACHABLE = /could not reach|stopped answering/i;

export function newMsgId(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class SendQueue {
  private readonly queues = new Map<string, Outgoing[]>();
  private readonly listeners = new Set<() => void>();
  private nextKey = 1;
  private online = false;

  /**
   * `changed` hears of every change to a group's queue, to show it again. `retryMs`: how long an
   * unreachable server is left alone while the connection still says online.
   */
  constructor(
    private readonly send: RequestHandlers['send'],
    private readonly changed: (groupId: string) => void,
    private readonly retryMs = 5_000,
  ) {}

  /** Hears of every change, for the panel to save the outbox. */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  add(params: RequestParams<'send'>): void {
    this.push({ ...params, msgId: params.msgId ?? newMsgId() });
    void this.sendNext(params.groupId);
  }

  of(groupId: string): readonly Outgoing[] {
    return this.queues.get(groupId) ?? [];
  }

  /** The connection is online (true) or not: waiting messages hold, or go out in order. */
  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    for (const [groupId, queue] of this.queues) {
      for (const item of queue) if (item.state === (online ? 'offline' : 'waiting')) item.state = online ? 'waiting' : 'offline';
      this.notify(groupId);
      if (online) void this.sendNext(groupId);
    }
  }

  saved(): SavedOutgoing[] {
    return [...this.queues.values()].flat().map((o) => (o.state === 'failed' ? { params: o.params, error: o.error ?? '' } : { params: o.params }));
  }

  /** Puts back the outbox of the panel before a reload; it goes out once the connection is online. */
  restore(saved: readonly SavedOutgoing[]): void {
    for (const s of saved) {
      if (typeof s?.params?.msgId !== 'string' || typeof s.params.groupId !== 'string') continue;
      const item = this.push(s.params);
      if (s.error !== undefined) {
        item.state = 'failed';
        item.error = s.error;
      }
    }
    for (const groupId of this.queues.keys()) void this.sendNext(groupId);
  }

  retry(key: number): void {
    const item = this.find(key);
    if (item?.state !== 'failed') return;
    item.state = this.online ? 'waiting' : 'offline';
    delete item.error;
    this.notify(item.params.groupId);
    void this.sendNext(item.params.groupId);
  }

  /** The user gives up on a message that failed or still waits; the ones after it go on. */
  discard(key: number): void {
    const item = this.find(key);
    if (!item || item.state === 'sending') return;
    this.remove(item);
    void this.sendNext(item.params.groupId);
  }

  private push(params: QueuedSend): Outgoing {
    const queue = this.queues.get(params.groupId) ?? [];
    this.queues.set(params.groupId, queue);
    const item: Outgoing = { key: this.nextKey++, params, state: this.online ? 'waiting' : 'offline' };
    queue.push(item);
    this.notify(params.groupId);
    return item;
  }

  private async sendNext(groupId: string): Promise<void> {
    const head = this.queues.get(groupId)?.[0];
    if (head?.state !== 'waiting' || !this.online) return;
    head.state = 'sending';
    this.notify(groupId);
    try {
      await this.send(head.params);
    } catch (e) {
      const error = errorMessage(e);
      if (UNREACHABLE.test(error)) this.waitForConnection(head);
      else {
        head.state = 'failed';
        head.error = error;
      }
      this.notify(groupId);
      return;
    }
    this.remove(head);
    void this.sendNext(groupId);
  }

  /** Back to waiting: it goes when the connection is online again, or after a while if it still says so. */
  private waitForConnection(item: Outgoing): void {
    item.state = 'offline';
    if (!this.online) return;
    setTimeout(() => {
      if (!this.online || item.state !== 'offline') return;
      item.state = 'waiting';
      void this.sendNext(item.params.groupId);
    }, this.retryMs);
  }

  private remove(item: Outgoing): void {
    const queue = this.queues.get(item.params.groupId) ?? [];
    const at = queue.indexOf(item);
    if (at >= 0) queue.splice(at, 1);
    this.notify(item.params.groupId);
  }

  private notify(groupId: string): void {
    this.changed(groupId);
    for (const listener of this.listeners) listener();
  }

  private find(key: number): Outgoing | undefined {
    for (const queue of this.queues.values()) {
      const item = queue.find((o) => o.key === key);
      if (item) return item;
    }
    return undefined;
  }
}
