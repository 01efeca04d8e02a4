import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`Another TeamChat server (process ${pid}) uses ${dataDir}; stop it or start with another --data-dir.`);
    this.name = 'DataDirInUseError';
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PGlite has no locking of its own: two processes on one folder would corrupt it. */
function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'server.pid');
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(readFileSync(file, 'utf8'));
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) throw new DataDirInUseError(dataDir, holder);
    writeFileSync(file, String(process.pid));
  }
  return () => rmSync(file, { force: true });
}

/**
 * PGlite served over the PostgreSQL wire protocol, so the same driver and migrations run
 * as on a real server. The socket lives in a fresh 0700 folder: PGlite has no passwords,
 * so a loopback port would let every local user in.
 * pglite-socket runs one query at a time; the caller keeps one pooled connection.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const unlock = lockDataDir(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create(path.join(dataDir, 'pgdata'));
  } catch (error) {
    unlock();
    throw error;
  }
  const socketDir = mkdtempSync(path.join(os.tmpdir(), 'teamchat-pg-'));
  const server = new PGLiteSocketServer({ db, path: path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`), maxConnections: 1 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    rmSync(socketDir, { recursive: true, force: true });
    unlock();
    throw error;
  }
  return {
    host: socketDir,
    port: SOCKET_PORT,
    async stop() {
      await server.stop();
      await db.close();
      rmSync(socketDir, { recursive: true, force: true });
      unlock();
    },
  };
}
