// The embedded database (PGlite behind its private socket, exactly as the TeamChat server
// starts it) with TeamChat's schema and one seeded group, for the raw route's ceiling on it.
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../server/db/embedded-postgres';
import { migrationsList } from '../../server/migrations';

export const RAW_SENDER = 'raw-sender';

async function schemaStatements(): Promise<string[]> {
  const statements: string[] = [];
  for (const { class: MigrationClass } of migrationsList) {
    // up() only collects SQL through addSql; it needs no driver for that.
    const migration = new MigrationClass(null as never, null as never);
    await migration.up();
    statements.push(...migration.getQueries().map(String));
  }
  return statements;
}

export async function startRawEmbeddedDatabase(dataDir: string, groupId: string, messages: number, blobBytes: number): Promise<{ db: EmbeddedPostgres; pool: pg.Pool }> {
  const db = await startEmbeddedPostgres(dataDir);
  // The socket serves one connection, as in the TeamChat server.
  const pool = new pg.Pool({ host: db.host, port: db.port, user: 'postgres', database: 'postgres', max: 1 });
  for (const sql of await schemaStatements()) await pool.query(sql);
  await pool.query(
    `INSERT INTO users (username, kdf, auth_key_hash, encryption_public_key, signing_public_key, key_vault)
     VALUES ($1, '{}'::jsonb, 'x', '\\x00'::bytea, '\\x00'::bytea, '\\x00'::bytea)`, [RAW_SENDER]);
  await pool.query('INSERT INTO groups (id, name, created_by, last_seq) VALUES ($1, $2, $3, $4)', [groupId, 'raw', RAW_SENDER, messages]);
  await pool.query(
    `INSERT INTO group_messages (group_id, seq, msg_id, sender, generation, encrypted_blob)
     SELECT $1, n, md5(n::text), $2, 1, decode(repeat('5a', $3), 'hex') FROM generate_series(1, $4) AS n`,
    [groupId, RAW_SENDER, blobBytes, messages]);
  return { db, pool };
}
