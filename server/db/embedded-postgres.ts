import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** Longest Unix socket path that fits sockaddr_un on every platform we run on. */
const MAX_SOCKET_PATH = 100;

interface SocketPlace {
  /** What the server listens on: a Unix socket path, or loopback with a free port. */
  listen: { path: string } | { host: string; port: number };
  /** The driver's host: the socket's folder, or the loopback address. */
  host: string;
  cleanup(): void;
}

/**
 * PGlite has no passwords, so the socket must be private: in the data folder (the lock
 * file keeps other servers out of it, so a leftover socket file is ours to replace), or in
 * a fresh 0700 temporary folder when that path is too long. Windows has no Unix sockets
 * the driver can reach, so there it is a loopback port.
 */
function socketPlace(dataDir: string): SocketPlace {
  if (process.platform === 'win32') return { listen: { host: '127.0.0.1', port: 0 }, host: '127.0.0.1', cleanup: () => undefined };
  const socketName = `.s.PGSQL.${SOCKET_PORT}`;
  const inDataDir = path.join(dataDir, socketName);
  if (inDataDir.length <= MAX_SOCKET_PATH) {
    rmSync(inDataDir, { force: true });
    return { listen: { path: inDataDir }, host: dataDir, cleanup: () => rmSync(inDataDir, { force: true }) };
  }
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'teamchat-pg-'));
  return {
    listen: { path: path.join(tempDir, socketName) },
    host: tempDir,
    cleanup: () => rmSync(tempDir, { recursive: true, force: true }),
  };
}

/**
 * PGlite served over the PostgreSQL wire protocol, so the same driver and migrations run
 * as on a real server. pglite-socket runs one query at a time; the caller keeps one pooled
 * connection.
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
  const place = socketPlace(dataDir);
  const server = new PGLiteSocketServer({ db, ...place.listen, maxConnections: 1 });
  try {
    await server.start();
    if ('path' in place.listen) chmodSync(place.listen.path, 0o600);
  } catch (error) {
    await server.stop().catch(() => undefined);
    await db.close();
    place.cleanup();
    unlock();
    throw error;
  }
  const port = 'path' in place.listen ? SOCKET_PORT : Number(server.getServerConn().split(':').pop());
  return {
    host: place.host,
    port,
    async stop() {
      await server.stop();
      await db.close();
      place.cleanup();
      unlock();
    },
  };
}
