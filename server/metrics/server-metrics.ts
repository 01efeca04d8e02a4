import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The database pool as tarn (knex's pool) counts it. */
export interface PoolUse {
  used: number;
  free: number;
  /** Queries waiting for a connection. */
  pending: number;
  max: number;
}

/** What the gauges read at each scrape. */
export interface MetricSources {
  openEventSockets(): number;
  poolUse(): PoolUse | undefined;
}

/** Seconds; from a cached read (1 ms) to a slow sign-in with Argon2id under load. */
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LAG_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The metric families of one server process, in a registry of its own (tests run several
 * servers in one process). Labels never carry an id: routes are their patterns.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly requestSeconds: Histogram<'method' | 'route'>;
  readonly messagesStored: Counter;
  readonly eventBusLag: Histogram;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'teamchat_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern ("unmatched" when no route matched) and status.',
      labelNames: ['method', 'route', 'status'], registers,
    });
    this.requestSeconds = new Histogram({
      name: 'teamchat_http_request_duration_seconds', help: 'How long HTTP requests took to answer, by method and route pattern.',
      labelNames: ['method', 'route'], buckets: REQUEST_BUCKETS, registers,
    });
    this.messagesStored = new Counter({
      name: 'teamchat_messages_stored_total', help: 'Messages (with edits and deletes) this process stored.', registers,
    });
    this.eventBusLag = new Histogram({
      name: 'teamchat_event_bus_lag_seconds',
      help: 'Time from NOTIFY of an event by this process to its arrival back on its LISTEN connection (PostgreSQL only).',
      buckets: LAG_BUCKETS, registers,
    });
    new Gauge({
      name: 'teamchat_event_sockets_open', help: 'Signed-in event (WebSocket) connections to this process.', registers,
      collect() { this.set(sources.openEventSockets()); },
    });
    new Gauge({
      name: 'teamchat_db_pool_connections', help: 'Database pool connections by state (used, free) and the pool size (max).',
      labelNames: ['state'], registers,
      collect() {
        const pool = sources.poolUse();
        if (!pool) return;
        this.set({ state: 'used' }, pool.used);
        this.set({ state: 'free' }, pool.free);
        this.set({ state: 'max' }, pool.max);
      },
    });
    new Gauge({
      name: 'teamchat_db_pool_pending_acquires', help: 'Queries waiting for a database connection from the pool.', registers,
      collect() { this.set(sources.poolUse()?.pending ?? 0); },
    });
  }
}
