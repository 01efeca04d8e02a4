import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { EMBEDDED_WORKER_SOURCE, type EmbeddedWorkerData, type WorkerError, type WorkerReport, type WorkerRequest } from './embedded-postgres-worker';

export interface EmbeddedPostgres {
  /** Connection options for the postgres driver: a Unix socket folder and port. */
  host: string;
  port: number;
  /**
   * Called once if the database's thread dies while serving (not on stop()): its socket is
   * gone, so every query fails from then on until the server is restarted.
   */
  onCrash(listener: (error: Error) => void): void;
  /** Ends the database's thread at once, as a crash would (for tests). */
  kill(): Promise<void>;
  /** Closes the socket, flushes PGlite to the data folder and ends its thread. */
  stop(): Promise<void>;
}

const SOCKET_PORT = 5432;

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
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

/** PGlite has no locking of its own: two processes on one folder would corrupt it. Returns the unlock. */
export function lockDataDir(dataDir: string): () => void {
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

function toError(reported: WorkerError): Error {
  const error = new Error(reported.message) as NodeJS.ErrnoException;
  error.name = reported.name;
  if (reported.stack) error.stack = reported.stack;
  if (reported.code) error.code = reported.code;
  return error;
}

/** The worker's modules, resolved here so the eval'd source needs no resolution of its own. */
function workerData(dataDir: string, listen: SocketPlace['listen']): EmbeddedWorkerData {
  return {
    pglitePath: require.resolve('@electric-sql/pglite'),
    socketServerPath: require.resolve('@electric-sql/pglite-socket'),
    pgdataDir: path.join(dataDir, 'pgdata'),
    listen,
  };
}

/** Starts the worker; resolves with its connection string once it serves, rejects with its start error. */
function startWorker(data: EmbeddedWorkerData): Promise<{ worker: Worker; conn: string }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(EMBEDDED_WORKER_SOURCE, { eval: true, workerData: data });
    let failure: Error | undefined;
    const onMessage = (report: WorkerReport) => {
      if (report.type === 'ready') {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        resolve({ worker, conn: report.conn });
      } else if (report.type === 'start-failed') {
        failure = toError(report.error);
      }
    };
    const onError = (error: Error) => { failure ??= error; };
    // Settled on exit, so a failed start leaves no thread (and no open data files) behind.
    const onExit = (code: number) => reject(failure ?? new Error(`The embedded database's thread exited with code ${code} while starting.`));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

/**
 * PGlite served over the PostgreSQL wire protocol, so the same driver and migrations run
 * as on a real server. It runs on a worker thread of its own, so the database's work and
 * the server's use two cores. pglite-socket runs one query at a time; the caller keeps one
 * pooled connection.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const unlock = lockDataDir(dataDir);
  const place = socketPlace(dataDir);
  let started: { worker: Worker; conn: string };
  try {
    started = await startWorker(workerData(dataDir, place.listen));
  } catch (error) {
    place.cleanup();
    unlock();
    throw error;
  }
  const { worker, conn } = started;
  const crashListeners: ((error: Error) => void)[] = [];
  let crash: Error | undefined;
  let stopping: Promise<void> | undefined;
  let lastError: Error | undefined;
  worker.on('error', (error) => { lastError = error; });
  worker.on('exit', (code) => {
    if (stopping) return;
    crash = lastError ?? new Error(`The embedded database's thread exited with code ${code}.`);
    for (const listener of crashListeners) listener(crash);
  });

  async function stopWorker(): Promise<void> {
    const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
    const stopped = new Promise<Error | undefined>((resolve) => {
      worker.on('message', (report: WorkerReport) => { if (report.type === 'stopped') resolve(report.error && toError(report.error)); });
      void exited.then(() => resolve(lastError ?? new Error("The embedded database's thread ended before it was stopped.")));
    });
    worker.postMessage({ type: 'stop' } satisfies WorkerRequest);
    const error = await stopped;
    await exited;
    if (error) throw error;
  }

  const port = 'path' in place.listen ? SOCKET_PORT : Number(conn.split(':').pop());
  return {
    host: place.host,
    port,
    onCrash(listener) {
      if (crash) listener(crash);
      else crashListeners.push(listener);
    },
    async kill() {
      await worker.terminate();
    },
    stop() {
      stopping ??= (crash ? Promise.resolve() : stopWorker()).finally(() => {
        place.cleanup();
        unlock();
      });
      return stopping;
    },
  };
}
