import type { PGlite } from '@electric-sql/pglite';

/**
 * PGlite opened in this process, without the socket the server puts in front of it: for
 * backup and restore, which hold the data folder's lock, so no server writes meanwhile.
 */
export async function openPglite(pgdata: string, load?: Blob): Promise<PGlite> {
  const { PGlite: Database } = await import('@electric-sql/pglite');
  return Database.create(pgdata, load ? { loadDataDir: load } : {});
}

export interface DatabaseSummary {
  migrations: string[];
  accounts: number;
  messages: number;
}

/** What a TeamChat database holds; null when it is not one (no migrations table of ours). */
export async function summarize(db: PGlite): Promise<DatabaseSummary | null> {
  const ours = await db.query<{ found: boolean }>(
    "SELECT to_regclass('public.mikro_orm_migrations') IS NOT NULL AND to_regclass('public.users') IS NOT NULL AS found");
  if (!ours.rows[0]?.found) return null;
  const migrations = await db.query<{ name: string }>('SELECT name FROM mikro_orm_migrations ORDER BY id');
  const counts = await db.query<{ accounts: number; messages: number }>(
    'SELECT (SELECT count(*) FROM users)::int AS accounts, (SELECT count(*) FROM group_messages)::int AS messages');
  return { migrations: migrations.rows.map((row) => row.name), accounts: counts.rows[0]?.accounts ?? 0, messages: counts.rows[0]?.messages ?? 0 };
}
