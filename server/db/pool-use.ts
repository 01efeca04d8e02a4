import type { MikroORM } from '@mikro-orm/postgresql';
import type { PoolUse } from '../metrics/server-metrics';

/** The part of tarn's Pool (knex's connection pool) the metrics read. */
interface TarnPool {
  max: number;
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/** How the database pool is used right now; undefined before it exists. */
export function poolUse(orm: MikroORM): PoolUse | undefined {
  const pool = (orm.em.getConnection().getKnex().client as { pool?: TarnPool }).pool;
  if (!pool) return undefined;
  return { used: pool.numUsed(), free: pool.numFree(), pending: pool.numPendingAcquires(), max: pool.max };
}
