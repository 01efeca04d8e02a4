import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** The PostgreSQL the tests may create databases on. */
export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** Connection URL of the fresh, empty database. */
  url: string;
  name: string;
  /** Drops it, closing whatever is still connected. */
  drop(): Promise<void>;
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A uniquely named, empty database for one test run; drop it in `after`. */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `teamchat_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => withAdmin(async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    }),
  };
}

export interface TempDataDir {
  dir: string;
  remove(): void;
}

/** An empty folder for an embedded (PGlite) database; remove it in `after`. */
export function createTempDataDir(label = 'data'): TempDataDir {
  const dir = mkdtempSync(path.join(os.tmpdir(), `teamchat-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
