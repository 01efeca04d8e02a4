import type { FastifyBaseLogger } from 'fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { WebSocket } from 'ws';
import type { ChatEvent } from '../../common/api';
import { readMessage } from '../store/messages';

const MAX_CACHED_GROUPS = 10_000;

/** Who gets an event: the group's members when it goes out, plus `alsoTo` (a removed member). */
export interface Delivery {
  event: ChatEvent;
  alsoTo?: string[];
  /** The group's members as the change that made the event saw them, when it read them. */
  members?: string[];
}

/**
 * The sockets signed in to this process, by username. Deliveries run one after another so
 * that a client sees the events of a group in the order they were committed.
 */
export class SocketHub {
  private readonly sockets = new Map<string, Set<WebSocket>>();
  /** The sign-in each socket authenticated with (absent for a token from before sign-ins were named). */
  private readonly signIns = new WeakMap<WebSocket, string>();
  private queue: Promise<void> = Promise.resolve();
  /**
   * Members by group, so a busy group's messages do not each cost a query. Only with one
   * process (the embedded database): there every membership change passes through this hub
   * in commit order, and dropping the entry when one passes keeps it exact. With several
   * processes another one's change may still be on its way when a local message goes out,
   * so each event asks the database.
   */
  private readonly members = new Map<string, Set<string>>();
  /** Hears every change to a group but a message (membership among them), on every process. */
  groupChanged: ((groupId: string) => void) | undefined;

  constructor(private readonly orm: MikroORM, private readonly log: FastifyBaseLogger, private readonly cacheMembers: boolean) {}

  add(username: string, socket: WebSocket, signIn?: string): void {
    if (signIn) this.signIns.set(socket, signIn);
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

  /** Signed-in sockets on this process, for the metrics. */
  openSockets(): number {
    let count = 0;
    for (const set of this.sockets.values()) count += set.size;
    return count;
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

  /** Closes, with the code `refusal` picks, every socket whose account or sign-in it refuses. */
  closeWhere(refusal: (claims: { username: string; signIn?: string }) => { code: number; reason: string } | undefined): void {
    for (const [username, set] of [...this.sockets]) {
      for (const socket of [...set]) {
        const signIn = this.signIns.get(socket);
        const close = refusal(signIn ? { username, signIn } : { username });
        if (!close) continue;
        socket.close(close.code, close.reason);
        this.remove(username, socket);
      }
    }
  }

  private async membersOf(groupId: string): Promise<Set<string>> {
    const cached = this.members.get(groupId);
    if (cached) return cached;
    // A fresh entity manager per event: these are not HTTP requests and have no context.
    const rows: { username: string }[] = await this.orm.em.fork().getKnex()('group_memberships')
      .select('username').where({ group_id: groupId });
    const members = new Set(rows.map((r) => r.username));
    if (this.cacheMembers) {
      if (this.members.size >= MAX_CACHED_GROUPS) this.members.clear();
      this.members.set(groupId, members);
    }
    return members;
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => this.log.error({ err: error }, 'event delivery failed'));
  }

  private async send({ event, alsoTo = [], members }: Delivery): Promise<void> {
    if (event.type !== 'message') {
      this.members.delete(event.groupId);
      this.groupChanged?.(event.groupId);
    }
    if (this.sockets.size === 0) return;
    const recipients = new Set([...(members ?? await this.membersOf(event.groupId)), ...alsoTo]);
    const frame = JSON.stringify(event);
    for (const username of recipients) {
      for (const socket of this.sockets.get(username) ?? []) {
        if (socket.readyState === socket.OPEN) socket.send(frame);
      }
    }
  }
}
