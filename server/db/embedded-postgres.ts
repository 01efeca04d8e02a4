import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** Connection options for the postgres driver: a Unix socket folder and port. */
  host: string;
  port: number;
  stop(): Promise<void>;
}

const SOCKET_PORT = 5432;

/**
 * PGlite served over the PostgreSQL wire protocol, so the same driver and migrations run
 * as on a real server. The socket lives in a fresh 0700 folder: PGlite has no passwords,
 * so a loopback port would let every local user in.
 * pglite-socket runs one query at a time; the caller keeps one pooled connection.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = await PGlite.create(path.join(dataDir, 'pgdata'));
  const socketDir = mkdtempSync(path.join(os.tmpdir(), 'teamchat-pg-'));
  const server = new PGLiteSocketServer({ db, path: path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`), maxConnections: 1 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
  return {
    host: socketDir,
    port: SOCKET_PORT,
    async stop() {
      await server.stop();
      await db.close();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
