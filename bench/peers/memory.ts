import { readFileSync } from 'node:fs';
import { round } from '../support/stats';
import { startEjabberd } from './ejabberd-server';
import { signInMany } from './xmpp-logins';

export interface PeerMemory {
  clients: number;
  rss_before_bytes: number;
  rss_after_bytes: number;
  /** (RSS with every client signed in - RSS before) / clients. */
  bytes_per_client: number;
  sign_in_s: number;
}

/** Resident set size of a process, from /proc (Linux). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!kb) throw new Error(`No VmRSS for process ${pid}.`);
  return Number(kb[1]) * 1024;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * ejabberd holding `clients` signed-in c2s sessions (SASL, bound resource, initial presence), on
 * a fresh server: the growth of its beam process's RSS divided by the sessions, measured as the
 * scale section measures TeamChat (the server process's RSS growth over its sockets).
 */
export async function ejabberdMemoryPerClient(databaseUrl: string, clients: number): Promise<PeerMemory> {
  const server = await startEjabberd(databaseUrl, clients);
  try {
    // A few sessions signed in and out first, so what the first logins load (modules, SQL pool,
    // code) and the garbage of start-up are out of the way, not charged to the clients.
    (await signInMany(server.port, server.host, server.password, 20)).close();
    await settle(5000);
    const before = rssBytes(server.pid);
    const started = performance.now();
    const held = await signInMany(server.port, server.host, server.password, clients);
    const signInS = (performance.now() - started) / 1000;
    try {
      await settle(5000);
      const after = rssBytes(server.pid);
      return {
        clients: held.count, rss_before_bytes: before, rss_after_bytes: after,
        bytes_per_client: Math.round((after - before) / held.count), sign_in_s: round(signInS, 1),
      };
    } finally {
      held.close();
    }
  } finally {
    await server.stop();
  }
}
