import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createTempDataDir, type TempDataDir } from './database';

const ROOT = path.resolve(__dirname, '..', '..');
const READY_LINE = /TeamChat server listening on (\S+)/;

export interface ServerProcessOptions {
  /** Run on this PostgreSQL; otherwise on an embedded database. */
  databaseUrl?: string;
  /** Folder of the embedded database and the token secret file; a fresh temporary one (removed on stop) if absent. */
  dataDir?: string;
  /** Sign-in attempts per minute per route; high by default so test suites are not throttled. */
  authRateLimit?: number;
  /** Port to listen on; a free one when absent (a restart on the same port keeps clients' address). */
  port?: number;
  /** Extra environment (e.g. JWT_SECRET, TEAMCHAT_LOG_LEVEL). */
  env?: Record<string, string>;
  /** Run this executable (e.g. an installed teamchat-server) instead of server/main.ts under tsx. */
  executable?: string;
  /** How long to wait for the server to print its URL (default 60 s: the first PGlite start runs initdb). */
  startTimeoutMs?: number;
}

export interface ServerProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** e.g. ws://127.0.0.1:41234/api/events */
  eventsUrl: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s; removes a temporary data dir. */
  stop(): Promise<void>;
}

export class ServerStartError extends Error {
  constructor(message: string, readonly output: string) {
    super(`${message}\n--- server output ---\n${output.slice(-4000)}`);
    this.name = 'ServerStartError';
  }
}

/** Starts a real server process (`server/main.ts` under tsx, or options.executable) on a free port and waits for its URL. */
export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  let tempDir: TempDataDir | undefined;
  const args = ['--port', String(options.port ?? 0), '--host', '127.0.0.1'];
  // On PostgreSQL too: the token secret file goes there, not into the user's own data folder.
  if (!options.dataDir) tempDir = createTempDataDir('server');
  args.push('--data-dir', options.dataDir ?? tempDir!.dir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEAMCHAT_LOG_LEVEL: 'warn',
    TEAMCHAT_AUTH_RATE_LIMIT: String(options.authRateLimit ?? 100_000),
    ...options.env,
  };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;

  const [file, fileArgs] = options.executable
    ? [options.executable, args]
    : [process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'main.ts'), ...args]];
  const child = spawn(file, fileArgs, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => { output += chunk; });
  child.stderr!.on('data', (chunk) => { output += chunk; });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    tempDir?.remove();
  };

  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new ServerStartError('The server did not print its URL in time.', output)), options.startTimeoutMs ?? 60_000);
      const onData = () => {
        const match = READY_LINE.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          child.stdout!.off('data', onData);
          resolve(match[1]);
        }
      };
      child.stdout!.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new ServerStartError(`The server exited before it was ready (code ${code}, signal ${signal}).`, output));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, eventsUrl: `${url.replace(/^http/, 'ws')}/api/events`, child, output: () => output, stop };
}
