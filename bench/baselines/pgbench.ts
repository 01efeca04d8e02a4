import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface PgbenchResult {
  tps: number;
  /** Average latency pgbench reports, in ms. */
  latency_avg_ms: number;
}

/** pgbench from PATH or from Debian's /usr/lib/postgresql/<version>/bin; null when absent. */
export function findPgbench(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'pgbench'))) return path.join(dir, 'pgbench');
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).sort().reverse()) {
      const candidate = path.join(debian, version, 'bin', 'pgbench');
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/**
 * PostgreSQL's own single-row insert rate: one INSERT per transaction of a row shaped like a
 * stored message (same columns, keys and blob size) into a copy of group_messages, by
 * `clients` connections, with no seq allocation on a shared group row.
 */
export async function pgbenchInsertRate(pgbench: string, databaseUrl: string, clients: number, durationS: number, blobBytes: number): Promise<PgbenchResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS pgbench_group_messages; DROP SEQUENCE IF EXISTS pgbench_seq;
      CREATE TABLE pgbench_group_messages (LIKE group_messages INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
      CREATE SEQUENCE pgbench_seq;`);
  } finally {
    await client.end();
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'teamchat-pgbench-'));
  const script = path.join(dir, 'insert.sql');
  const blobHex = Buffer.alloc(blobBytes, 0x5a).toString('hex');
  writeFileSync(script, `INSERT INTO pgbench_group_messages (group_id, seq, msg_id, sender, generation, encrypted_blob) `
    + `VALUES ('00000000-0000-4000-8000-000000000000', nextval('pgbench_seq'), md5(random()::text), 'pgbench', 1, '\\x${blobHex}'::bytea);\n`);
  try {
    const url = new URL(databaseUrl);
    const { stdout } = await run(pgbench, [
      '-n', '-c', String(clients), '-j', '2', '-T', String(Math.max(1, Math.round(durationS))), '-f', script,
      '-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres'), url.pathname.slice(1),
    ], { timeout: (durationS + 60) * 1000 });
    const tps = /tps = ([\d.]+)/.exec(stdout);
    const latency = /latency average = ([\d.]+) ms/.exec(stdout);
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout.slice(-1000)}`);
    return { tps: Number(tps[1]), latency_avg_ms: latency ? Number(latency[1]) : Number.NaN };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    const cleanup = new pg.Client({ connectionString: databaseUrl });
    await cleanup.connect();
    await cleanup.query('DROP TABLE IF EXISTS pgbench_group_messages; DROP SEQUENCE IF EXISTS pgbench_seq;').finally(() => cleanup.end());
  }
}
