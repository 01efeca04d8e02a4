import { createHmac } from 'node:crypto';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Knex } from '@mikro-orm/postgresql';
import { countAttempt } from '../store/rate-limits';

type Incr = FastifyRateLimitStore['incr'];

/** What @fastify/rate-limit hands `child` for a route: its options, and the route in `routeInfo`. */
interface ChildOptions {
  routeInfo?: { method?: string | string[]; url?: string };
}

/**
 * A @fastify/rate-limit store that keeps its counts in the database (the `rate_limits`
 * table), so every process on one PostgreSQL counts the same attempts. The plugin makes one
 * child per rate-limited route; each counts under an HMAC of its route and the client's
 * address, so the table never holds an address. `hashKey` must be the same in every process:
 * it comes from the shared server secret.
 */
export function databaseRateLimitStore(knex: () => Knex, hashKey: Buffer): FastifyRateLimitStoreCtor {
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(_options: unknown, private readonly route = '*') {}

    incr(key: string, callback: Parameters<Incr>[1], timeWindow: number): void {
      const hashed = createHmac('sha256', hashKey).update(`${this.route}\n${key}`).digest('hex');
      countAttempt(knex(), hashed, timeWindow).then(
        ({ count, ttlMs }) => callback(null, { current: count, ttl: ttlMs }),
        (error: unknown) => callback(error as Error),
      );
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const info = (routeOptions as unknown as ChildOptions).routeInfo;
      const method = Array.isArray(info?.method) ? info.method.join(',') : info?.method ?? '*';
      return new DatabaseRateLimitStore(routeOptions, `${method} ${info?.url ?? '*'}`);
    }
  }
  return DatabaseRateLimitStore;
}
