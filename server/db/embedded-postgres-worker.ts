// The embedded database's own thread: PGlite and the wire-protocol socket server run here,
// so queries use another core than Fastify's. It runs from a source string (as the crypto
// verify workers do): no worker file to find under tsx, mocha or the esbuild bundle. The
// packages are required by absolute paths the main thread resolved, through their CommonJS
// builds.

/** What the main thread hands the worker. */
export interface EmbeddedWorkerData {
  pglitePath: string;
  socketServerPath: string;
  pgdataDir: string;
  listen: { path: string } | { host: string; port: number };
}

export interface WorkerError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
}

/** What the worker posts back: once ready (or failed to start), and once stopped. */
export type WorkerReport =
  | { type: 'ready'; conn: string }
  | { type: 'start-failed'; error: WorkerError }
  | { type: 'stopped'; error?: WorkerError };

/** The main thread's only request: close the socket and flush PGlite. */
export type WorkerRequest = { type: 'stop' };

export const EMBEDDED_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { chmodSync } = require('node:fs');
const { PGlite } = require(workerData.pglitePath);
const { PGLiteSocketServer } = require(workerData.socketServerPath);

function describe(error) {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  return { name: error.name, message: error.message, stack: error.stack, code: typeof error.code === 'string' ? error.code : undefined };
}

let db;
let server;
let stopping;

async function shutDown() {
  if (server) await server.stop().catch(() => undefined);
  if (db && !db.closed) await db.close();
}

async function start() {
  try {
    db = await PGlite.create(workerData.pgdataDir);
    server = new PGLiteSocketServer({ db, ...workerData.listen, maxConnections: 1 });
    await server.start();
    if (workerData.listen.path) chmodSync(workerData.listen.path, 0o600);
  } catch (error) {
    await shutDown().catch(() => undefined);
    parentPort.postMessage({ type: 'start-failed', error: describe(error) });
    parentPort.close();
    return;
  }
  parentPort.postMessage({ type: 'ready', conn: server.getServerConn() });
}

parentPort.on('message', (request) => {
  if (request.type !== 'stop' || stopping) return;
  stopping = shutDown().then(
    () => parentPort.postMessage({ type: 'stopped' }),
    (error) => parentPort.postMessage({ type: 'stopped', error: describe(error) }),
  ).finally(() => parentPort.close());
});

start();
`;
