// A copy of everything the server stored, as an attacker with the database would see it:
// every row of every table (SELECT *), plus pg_dump's output on PostgreSQL, plus the raw
// files of an embedded database folder.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface DatabaseDump {
  /** Every row of every table, one JSON line per row; binary values as hex and base64. */
  rows: string;
  /** Other text forms of the same data (pg_dump). */
  extraText: string;
  /** Raw bytes of the database files (embedded database only). */
  files: Buffer[];
}

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

const TABLES_SQL = `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;

function printable(value: unknown): unknown {
  if (value instanceof Uint8Array) {
    const buffer = Buffer.from(value);
    return `\\x${buffer.toString('hex')} ${buffer.toString('base64')}`;
  }
  if (value instanceof Date) return value.toISOString();
  return value;
}

async function dumpRows(query: Query): Promise<string> {
  const lines: string[] = [];
  for (const { table_name: table } of await query(TABLES_SQL)) {
    for (const row of await query(`SELECT * FROM "${String(table)}"`)) {
      const printed = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, printable(v)]));
      lines.push(`${String(table)} ${JSON.stringify(printed)}`);
    }
  }
  return lines.join('\n');
}

export async function dumpPostgres(url: string): Promise<DatabaseDump> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await dumpRows(async (sql) => (await client.query<Record<string, unknown>>(sql)).rows);
    let extraText = '';
    try {
      extraText = execFileSync('pg_dump', ['--data-only', '--no-owner', url], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    } catch {
      // pg_dump missing or of another major version: the SELECT dump above covers every table.
    }
    return { rows, extraText, files: [] };
  } finally {
    await client.end();
  }
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? allFiles(file) : [file];
  });
}

/** The embedded database of a stopped server: its tables through PGlite, and its raw files. */
export async function dumpEmbedded(dataDir: string): Promise<DatabaseDump> {
  const files = allFiles(dataDir).map((file) => readFileSync(file));
  const db = await PGlite.create(path.join(dataDir, 'pgdata'));
  try {
    const rows = await dumpRows(async (sql) => (await db.query<Record<string, unknown>>(sql)).rows);
    return { rows, extraText: '', files };
  } finally {
    await db.close();
  }
}

/** Every base64 string of at least `min` characters found in a dump, e.g. sealed keys and blobs. */
export function base64Strings(dump: DatabaseDump, min = 40): string[] {
  const found = new Set<string>();
  for (const match of `${dump.rows}\n${dump.extraText}`.matchAll(/[A-Za-z0-9+/]{20,}={0,2}/g)) {
    if (match[0].length >= min) found.add(match[0]);
  }
  return [...found];
}
