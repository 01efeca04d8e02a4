import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { freePort, ROOT, startTsChild, waitUntilServing, type Child } from './processes';

// BENCH_SERVER_ROOT=<a checkout> benches another version of the server (before/after a change).
const SERVER_ENTRY = path.join(process.env.BENCH_SERVER_ROOT ?? ROOT, 'server', 'main.ts');

export interface TeamChatServer {
  baseUrl: string;
  child: Child;
  stop(): Promise<void>;
}

export interface ServerStart {
  /** PostgreSQL URL; absent starts the embedded database in a temporary folder. */
  databaseUrl?: string;
  /** Several processes on one database must share the token secret. */
  jwtSecret: string;
  /** Extra node flags, e.g. --cpu-prof for a profile of the server. */
  nodeArgs?: string[];
  /** A fixed port, to start a server again where its clients will reconnect. */
  port?: number;
  /** More environment for the server (e.g. TEAMCHAT_METRICS_TOKEN). */
  env?: NodeJS.ProcessEnv;
  /** How long start-up may take (a restart on a loaded machine takes long). */
  startSeconds?: number;
}

export function newJwtSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A real TeamChat server process on loopback, started the way an operator starts it. */
export async function startTeamChatServer(start: ServerStart): Promise<TeamChatServer> {
  const port = start.port ?? await freePort();
  const dataDir = start.databaseUrl ? undefined : mkdtempSync(path.join(os.tmpdir(), 'teamchat-bench-data-'));
  const child = startTsChild(SERVER_ENTRY, [], {
    PORT: String(port),
    HOST: '127.0.0.1',
    JWT_SECRET: start.jwtSecret,
    TEAMCHAT_LOG_LEVEL: 'warn',
    // The bench signs in hundreds of users from one address; the limiter is not what it measures.
    TEAMCHAT_AUTH_RATE_LIMIT: '1000000',
    ...start.env,
    ...(start.databaseUrl ? { DATABASE_URL: start.databaseUrl } : { DATABASE_URL: '', TEAMCHAT_DATA_DIR: dataDir }),
  }, start.nodeArgs ?? []);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    // A first start on the embedded database runs initdb: minutes, not seconds, on a machine others load.
    await waitUntilServing(child, `${baseUrl}/api/health`, 'The TeamChat server', start.startSeconds ?? (dataDir ? 300 : 90));
  } catch (error) {
    await child.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    baseUrl,
    child,
    async stop() {
      await child.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
