import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import { CLOSE_RECONNECT, type MessageView } from '../../common/api';
import { ACCOUNTS_CHANNEL } from '../store/ended-sign-ins';
import type { Delivery, SocketHub } from './hub';
import type { EphemeralNotice } from './presence/ephemeral-notice';

export const EVENTS_CHANNEL = 'teamchat_events';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; stay well under. */
const MAX_NOTIFY_BYTES = 7000;
const MAX_NOTICES_PER_STATEMENT = 100;

/**
 * What travels between processes: a message in full when it fits in one payload (a typical
 * chat line does, a few KiB of ciphertext does not) and by reference otherwise, for the other
 * processes to read from the database; anything else in full. `at` is when it was queued
 * (ms); the process that sent it times its round trip with it.
 */
type Notice =
  | { origin: string; at?: number; groupId: string; seq: number; message?: MessageView }
  | { origin: string; at?: number; delivery: Delivery }
  | { origin: string; at?: number; ephemeral: EphemeralNotice };

/** Hears how long this process's own notices took to come back through PostgreSQL, in seconds. */
export type LagObserver = (seconds: number) => void;

/** Publishes committed changes to every process's sockets. */
export interface EventBus {
  publish(delivery: Delivery): Promise<void>;
  /** For the metrics; a bus that crosses no process never calls it. */
  observeLag(observer: LagObserver): void;
  /** Typing, presence and read notices for the other processes' sockets: never stored. */
  announce(notice: EphemeralNotice): Promise<void>;
  /** Hears the other processes' notices (a bus that crosses no process never calls it). */
  hearEphemeral(listener: (origin: string, notice: unknown) => void): void;
  close(): Promise<void>;
}

/** One process (the embedded database): nobody else to tell. */
export class LocalEventBus implements EventBus {
  constructor(private readonly hub: SocketHub) {}

  async publish(delivery: Delivery): Promise<void> {
    this.hub.deliver(delivery);
  }

  observeLag(): void {}

  async announce(): Promise<void> {}

  hearEphemeral(): void {}

  async close(): Promise<void> {}
}

/**
 * Several processes on one PostgreSQL: this process delivers to its own sockets at once and
 * tells the others through NOTIFY, which they hear on a dedicated LISTEN connection.
 */
export class PostgresEventBus implements EventBus {
  private readonly origin = randomUUID();
  private listener: pg.Client | undefined;
  private closed = false;
  private reconnectDelayMs = 500;
  private queued: string[] = [];
  private nextBatch: Promise<void> | undefined;
  private lastBatch: Promise<void> = Promise.resolve();
  private lagObserver: LagObserver | undefined;
  private ephemeralListener: ((origin: string, notice: unknown) => void) | undefined;

  private constructor(
    private readonly url: string,
    private readonly hub: SocketHub,
    private readonly notify: (payloads: string[]) => Promise<unknown>,
    private readonly log: FastifyBaseLogger,
    private readonly accountsChanged: () => void,
  ) {}

  /**
   * `notify` sends all the payloads, in order, in one statement (one transaction keeps their order).
   * `accountsChanged` runs on every notice on ACCOUNTS_CHANNEL, and each time listening
   * (re)starts, since a notice sent while this process was not listening is gone.
   */
  static async start(
    url: string, hub: SocketHub, notify: (payloads: string[]) => Promise<unknown>, log: FastifyBaseLogger, accountsChanged: () => void,
  ) {
    const bus = new PostgresEventBus(url, hub, notify, log, accountsChanged);
    await bus.listen();
    accountsChanged();
    return bus;
  }

  async publish(delivery: Delivery): Promise<void> {
    this.hub.deliver(delivery);
    const { event } = delivery;
    if (event.type === 'message') {
      const byValue = { origin: this.origin, groupId: event.groupId, seq: event.message.seq, message: event.message };
      // Each other process reading every message back was a query per message per process;
      // MAX_NOTIFY_BYTES leaves room for the `at` that send() adds.
      const fits = Buffer.byteLength(JSON.stringify(byValue)) <= MAX_NOTIFY_BYTES;
      await this.send(fits ? byValue : { origin: this.origin, groupId: event.groupId, seq: event.message.seq });
      return;
    }
    // Only a deleted group names many recipients; split them over several notices.
    const alsoTo = delivery.alsoTo ?? [];
    let chunk: string[] = [];
    const chunks: string[][] = [];
    let size = 0;
    for (const username of alsoTo) {
      if (size + username.length + 3 > MAX_NOTIFY_BYTES - 500) {
        chunks.push(chunk);
        chunk = [];
        size = 0;
      }
      chunk.push(username);
      size += username.length + 3;
    }
    chunks.push(chunk);
    for (const part of chunks) await this.send({ origin: this.origin, delivery: { event, alsoTo: part } });
  }

  /**
   * Every notice comes back to the process that sent it too (its LISTEN connection hears the
   * channel): the time that took, on one clock, is the bus's lag.
   */
  observeLag(observer: LagObserver): void {
    this.lagObserver = observer;
  }

  announce(notice: EphemeralNotice): Promise<void> {
    return this.send({ origin: this.origin, ephemeral: notice });
  }

  hearEphemeral(listener: (origin: string, notice: unknown) => void): void {
    this.ephemeralListener = listener;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
  }

  /**
   * Notices wait while the previous batch is on its way and then go together in one
   * statement: under load a send costs a fraction of a round trip, idle it goes at once.
   * Batches go one after another, so other processes hear of commits in this process's order.
   */
  private send(notice: Notice): Promise<void> {
    if (this.lagObserver) notice.at = Date.now();
    this.queued.push(JSON.stringify(notice));
    if (!this.nextBatch) {
      const batch = this.lastBatch.catch(() => undefined).then(async () => {
        this.nextBatch = undefined;
        const payloads = this.queued;
        this.queued = [];
        for (let at = 0; at < payloads.length; at += MAX_NOTICES_PER_STATEMENT) {
          await this.notify(payloads.slice(at, at + MAX_NOTICES_PER_STATEMENT));
        }
      });
      this.nextBatch = batch;
      this.lastBatch = batch;
    }
    return this.nextBatch;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost || this.closed) return;
      lost = true;
      this.log.warn({ err: error }, 'event listener connection lost; reconnecting');
      void client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('notification', (message) => {
      if (message.channel === ACCOUNTS_CHANNEL) this.accountsChanged();
      else this.receive(message.payload);
    });
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}; LISTEN ${ACCOUNTS_CHANNEL}`);
    } catch (error) {
      lost = true;
      void client.end().catch(() => undefined);
      throw error;
    }
    this.listener = client;
    this.reconnectDelayMs = 500;
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    setTimeout(() => {
      if (this.closed) return;
      this.listen().then(() => {
        this.accountsChanged();
        // Notices sent while we were deaf are gone; sockets that reconnect catch up by seq.
        this.hub.closeAll(CLOSE_RECONNECT, 'event stream restarted; reconnect and catch up');
      }, (error: unknown) => {
        this.log.warn({ err: error }, 'event listener could not reconnect; retrying');
        this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, 10_000);
        this.scheduleReconnect();
      });
    }, this.reconnectDelayMs).unref();
  }

  private receive(payload: string | undefined): void {
    if (!payload) return;
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if (notice.origin === this.origin) {
      if (this.lagObserver && typeof notice.at === 'number') this.lagObserver(Math.max(0, Date.now() - notice.at) / 1000);
      return;
    }
    if ('ephemeral' in notice) this.ephemeralListener?.(notice.origin, notice.ephemeral);
    else if ('delivery' in notice) this.hub.deliver(notice.delivery);
    else if (notice.message?.seq === notice.seq) this.hub.deliver({ event: { type: 'message', groupId: notice.groupId, message: notice.message } });
    else this.hub.deliverStoredMessage(notice.groupId, notice.seq);
  }
}
