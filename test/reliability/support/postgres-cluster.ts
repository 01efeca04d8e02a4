import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

// The machine's one PostgreSQL cluster, shared with everything else on it: the suite stops
// it only briefly, and never finishes (even on failure) before it accepts connections again.
function clusterVersion(): string {
  const versions = readdirSync('/etc/postgresql');
  const version = versions[0];
  if (!version) throw new Error('No PostgreSQL cluster found under /etc/postgresql; install PostgreSQL first.');
  return version;
}

async function pgCtlCluster(action: 'stop' | 'start' | 'restart'): Promise<void> {
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', clusterVersion(), 'main', action], { timeout: 60_000 });
}

export async function stopPostgres(): Promise<void> {
  await pgCtlCluster('stop');
}

export async function startPostgres(): Promise<void> {
  await pgCtlCluster('start');
}

/** Resolves once a real query succeeds on `databaseUrl`; gives up after `attempts` tries. */
export async function waitForPostgres(databaseUrl: string, attempts = 120): Promise<void> {
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`PostgreSQL did not come back: ${String(lastError)}`);
}

/** Makes sure the shared cluster is up again, starting it if a failed test left it down. */
export async function ensurePostgresUp(databaseUrl: string): Promise<void> {
  try {
    await waitForPostgres(databaseUrl, 2);
  } catch {
    await startPostgres().catch(() => undefined);
    await waitForPostgres(databaseUrl);
  }
}
