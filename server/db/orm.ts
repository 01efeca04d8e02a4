import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import pg from 'pg';
import { migrationsList } from '../migrations';
import { entities } from './entities';

export type DatabaseTarget =
  | { kind: 'postgresql'; url: string }
  | { kind: 'embedded'; host: string; port: number };

/** Any constant works; it only has to be the same in every TeamChat process. */
const MIGRATION_LOCK_KEY = 7_021_455_031;

/**
 * PGlite is one database session for every connection made to it, so the named statements of
 * a closed connection (server/db/statements.ts) outlive it, and a new connection preparing
 * the same name would fail: each new connection starts with none.
 */
function forgetNamedStatements(connection: pg.Client, done: (error: Error | null, connection: pg.Client) => void): void {
  connection.query('DEALLOCATE ALL').then(() => done(null, connection), (error: Error) => done(error, connection));
}

export function ormOptions(target: DatabaseTarget): Options {
  const connection: Options = target.kind === 'postgresql'
    ? { clientUrl: target.url }
    : { host: target.host, port: target.port, user: 'postgres', dbName: 'postgres' };
  return {
    ...connection,
    entities,
    extensions: [Migrator],
    migrations: {
      migrationsList,
      transactional: true,
      allOrNothing: true,
      // Disabling foreign keys needs a superuser; our migrations do not need it.
      disableForeignKeys: false,
      snapshot: false,
      silent: true,
    },
    // The embedded socket serves one connection; a second pooled one would wait forever.
    pool: target.kind === 'embedded' ? { min: 0, max: 1, afterCreate: forgetNamedStatements } : { min: 0, max: 10 },
    forceUtcTimezone: true,
    ensureDatabase: false,
    debug: false,
  };
}

/** Connects and brings the schema up to date. */
export async function openDatabase(target: DatabaseTarget): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(target));
  try {
    await runMigrations(orm, target);
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return orm;
}

/** Runs the pending migrations, one process at a time on PostgreSQL; returns the names of those that ran. */
export async function runMigrations(orm: MikroORM, target: DatabaseTarget): Promise<string[]> {
  const up = () => orm.getMigrator().up();
  const ran = target.kind === 'postgresql' ? await withMigrationLock(target.url, up) : await up();
  return ran.map((migration) => migration.name);
}

/** Several processes may start at once on one database; only one migrates at a time. */
async function withMigrationLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
