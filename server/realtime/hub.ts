import type { FastifyBaseLogger } from 'fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { WebSocket } from 'ws';
import type { ChatEvent } from '../../common/api';
import { readMessage } from '../store/messages';

/** Who gets an event: the group's members when it goes out, plus `alsoTo` (a removed member). */
export interface Delivery {
  event: ChatEvent;
  alsoTo?: string[];
}

/**
 * The sockets signed in to this process, by username. Deliveries run one after another so
 * that a client sees the events of a group in the order they were committed.
 */
export class SocketHub {
  private readonly sockets = new Map<string, Set<WebSocket>>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly orm: MikroORM, private readonly log: FastifyBaseLogger) {}

  add(username: string, socket: WebSocket): void {
    let set = this.sockets.get(username);
    if (!set) this.sockets.set(username, (set = new Set()));
    set.add(socket);
  }

  remove(username: string, socket: WebSocket): void {
    const set = this.sockets.get(username);
    if (!set) return;
    set.delete(socket);
    if (set.size === 0) this.sockets.delete(username);
  }

  get connectedUsers(): number {
    return this.sockets.size;
  }

  deliver(delivery: Delivery): void {
    this.enqueue(() => this.send(delivery));
  }

  /** A message committed by another process: read it from the database, then deliver it. */
  deliverStoredMessage(groupId: string, seq: number): void {
    this.enqueue(async () => {
      if (this.sockets.size === 0) return;
      const message = await readMessage(this.orm.em.fork().getKnex(), groupId, seq);
      if (message) await this.send({ event: { type: 'message', groupId, message } });
    });
  }

  closeAll(code: number, reason: string): void {
    for (const set of this.sockets.values()) for (const socket of set) socket.close(code, reason);
    this.sockets.clear();
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => this.log.error({ err: error }, 'event delivery failed'));
  }

  private async send({ event, alsoTo = [] }: Delivery): Promise<void> {
    if (this.sockets.size === 0) return;
    // A fresh entity manager per event: these are not HTTP requests and have no context.
    const rows: { username: string }[] = await this.orm.em.fork().getKnex()('group_memberships')
      .select('username').where({ group_id: event.groupId });
    const recipients = new Set([...rows.map((r) => r.username), ...alsoTo]);
    const frame = JSON.stringify(event);
    for (const username of recipients) {
      for (const socket of this.sockets.get(username) ?? []) {
        if (socket.readyState === socket.OPEN) socket.send(frame);
      }
    }
  }
}
