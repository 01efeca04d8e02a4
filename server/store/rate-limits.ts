import type { Knex } from '@mikro-orm/postgresql';

export interface RateLimitCount {
  /** Attempts in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends and the count starts again. */
  ttlMs: number;
}

/**
 * Counts one attempt against `key` in one statement, so that processes sharing the database
 * never lose an attempt to a race: the first attempt opens a window of `windowMs`, later ones
 * in it add one, the first after it opens a new window. The database's clock decides, so
 * processes whose clocks differ still agree.
 */
export async function countAttempt(knex: Knex, key: string, windowMs: number): Promise<RateLimitCount> {
  const result = await knex.raw(
    `INSERT INTO rate_limits AS r (key, count, reset_at) VALUES (?, 1, now() + ? * interval '1 millisecond')
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN r.reset_at <= now() THEN 1 ELSE r.count + 1 END,
       reset_at = CASE WHEN r.reset_at <= now() THEN excluded.reset_at ELSE r.reset_at END
     RETURNING count, GREATEST(0, CEIL(EXTRACT(EPOCH FROM (reset_at - now())) * 1000))::int AS ttl_ms`,
    [key, windowMs],
  );
  const row = result.rows[0] as { count: number; ttl_ms: number };
  return { count: row.count, ttlMs: row.ttl_ms };
}

/** Forgets the counters whose window has ended; returns how many. */
export async function deleteExpiredRateLimits(knex: Knex): Promise<number> {
  return knex('rate_limits').where('reset_at', '<=', knex.raw('now()')).delete();
}
