import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, startTsChild, type Child } from '../support/processes';

const SCRIPT = path.join(ROOT, 'scripts', 'bench', 'ejabberd.mjs');
export const EJABBERD_INSTALL_COMMAND = 'node scripts/bench/ejabberd.mjs --install';

/** What scripts/bench/ejabberd.mjs prints once ejabberd answers on its client port. */
export interface EjabberdServer {
  port: number;
  host: string;
  mucHost: string;
  /** The beam.smp process: its RSS is ejabberd's memory. */
  pid: number;
  password: string;
  synchronous_commit: string;
  child: Child;
  stop(): Promise<void>;
}

/** Why the peer cannot run here (with the install command), or null when ejabberd is installed. */
export function ejabberdMissing(): string | null {
  const check = spawnSync(process.execPath, [SCRIPT, '--check'], { cwd: ROOT, encoding: 'utf8' });
  if (check.status === 0) return null;
  return (check.stdout || check.stderr).trim() || `ejabberd is not installed; install it with: ${EJABBERD_INSTALL_COMMAND}`;
}

/**
 * ejabberd on loopback with `users` accounts (bench0, bench1, ...), its archive on a database
 * of its own on the PostgreSQL at `databaseUrl`. stop() ends it and drops the database.
 */
export async function startEjabberd(databaseUrl: string, users: number): Promise<EjabberdServer> {
  const child = startTsChild(SCRIPT, ['--users', String(users), '--database-url', databaseUrl]);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const line = child.output().split('\n').find((l) => l.startsWith('READY '));
    if (line) {
      const ready = JSON.parse(line.slice('READY '.length)) as Omit<EjabberdServer, 'child' | 'stop'>;
      return { ...ready, child, stop: () => child.stop() };
    }
    if (child.process.exitCode !== null || Date.now() > deadline) {
      await child.stop();
      throw new Error(`ejabberd did not start:\n${child.output().slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
