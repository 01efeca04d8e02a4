import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { createTestDatabase } from '../../support/database';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVER_ENTRY = path.join(ROOT, 'server', 'main.ts');

/**
 * A real server process on its own fresh PostgreSQL database. It can be SIGKILLed and
 * started again on the same port, database and signing secret, as an operator's restart
 * would; `stop()` ends it and drops the database.
 */
export interface ServerUnderTest {
  readonly baseUrl: string;
  readonly port: number;
  readonly databaseUrl: string;
  readonly jwtSecret: string;
  start(): Promise<void>;
  kill(): Promise<void>;
  stop(): Promise<void>;
  /** The last lines the process wrote, for a failure message. */
  output(): string;
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function startServerUnderTest(label: string): Promise<ServerUnderTest> {
  const database = await createTestDatabase(`reliability_${label}`);
  const databaseUrl = database.url;
  const port = await freePort();
  const jwtSecret = randomBytes(32).toString('base64url');
  const baseUrl = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = '';

  const waitHealthy = async (proc: ChildProcess) => {
    for (let i = 0; i < 240; i++) {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new Error(`The server exited during start-up (${proc.exitCode ?? proc.signalCode}):\n${log.slice(-2000)}`);
      }
      try {
        const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`The server did not become healthy within 60 s:\n${log.slice(-2000)}`);
  };

  const start = async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', SERVER_ENTRY, '--port', String(port), '--host', '127.0.0.1'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        JWT_SECRET: jwtSecret,
        TEAMCHAT_LOG_LEVEL: 'warn',
        // The suite signs in dozens of users from one address; the limit itself is not under test here.
        TEAMCHAT_AUTH_RATE_LIMIT: '100000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-20_000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    child = proc;
    await waitHealthy(proc);
  };

  const exited = (proc: ChildProcess) =>
    proc.exitCode !== null || proc.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => proc.once('exit', () => resolve()));

  const kill = async () => {
    const proc = child;
    if (!proc) return;
    proc.kill('SIGKILL');
    await exited(proc);
    child = null;
  };

  const stop = async () => {
    const proc = child;
    if (proc) {
      proc.kill('SIGTERM');
      const forced = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited(proc);
      clearTimeout(forced);
      child = null;
    }
    await database.drop();
  };

  try {
    await start();
  } catch (error) {
    await kill().catch(() => undefined);
    await database.drop().catch(() => undefined);
    throw error;
  }
  return { baseUrl, port, databaseUrl, jwtSecret, start, kill, stop, output: () => log };
}
