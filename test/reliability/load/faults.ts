import { call, isJsonError } from '../support/api';
import { startPostgres, stopPostgres, waitForPostgres } from '../support/postgres-cluster';
import type { ServerUnderTest } from '../support/server-under-test';
import type { SilentProxy } from '../support/silent-proxy';
import { tally } from '../support/tally';
import type { LoadMember } from './load-member';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FaultReport {
  name: string;
  detail: string;
}

async function until<T>(what: string, attempts: number, everyMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const result = await probe().catch(() => undefined);
    if (result !== undefined) return result;
    await sleep(everyMs);
  }
  throw new Error(`Gave up waiting: ${what}.`);
}

/** Waits until the server answers a request that needs the database. */
export async function waitForServer(server: ServerUnderTest, token: string): Promise<void> {
  await until('the server to answer with a working database', 240, 250, async () => {
    const health = await call(server.baseUrl, 'GET', '/api/health');
    if (health.status !== 200) return undefined;
    const groups = await call(server.baseUrl, 'GET', '/api/groups', { token });
    return groups.status === 200 ? true : undefined;
  });
}

/**
 * Stops the shared PostgreSQL, proves the server answers 503 JSON (not 500, not a hang)
 * while it is gone, starts it again and waits for the server to recover.
 */
export async function restartPostgres(server: ServerUnderTest, token: string): Promise<FaultReport> {
  tally.faults += 1;
  await stopPostgres();
  let seen: { status: number; error: string; health: number };
  try {
    seen = await until('a 503 JSON answer while PostgreSQL is down', 40, 250, async () => {
      const answer = await call(server.baseUrl, 'GET', '/api/groups', { token, signal: AbortSignal.timeout(10_000) });
      if (answer.status !== 503) return undefined;
      if (!isJsonError(answer.json)) throw new Error(`503 without a JSON error: ${answer.text.slice(0, 200)}`);
      const health = await call(server.baseUrl, 'GET', '/api/health', { signal: AbortSignal.timeout(10_000) });
      return { status: answer.status, error: answer.json.error, health: health.status };
    });
  } finally {
    await startPostgres();
    await waitForPostgres(server.databaseUrl);
  }
  await waitForServer(server, token);
  return { name: 'PostgreSQL restarted', detail: `server answered ${seen.status} ${seen.error} while down (health ${seen.health})` };
}

/**
 * SIGKILLs the server process, starts it again on the same port and database, and waits
 * until every client has noticed and connected again.
 */
export async function killServer(server: ServerUnderTest, token: string, members: readonly LoadMember[]): Promise<FaultReport> {
  tally.faults += 1;
  const connectedBefore = new Map(members.map((m) => [m, m.stats.connectedTimes]));
  await server.kill();
  await server.start();
  await waitForServer(server, token);
  await until('every client to reconnect to the restarted server', 240, 250, async () =>
    members.every((m) => m.stats.connectedTimes > connectedBefore.get(m)!) ? true : undefined);
  return { name: 'server SIGKILLed and restarted', detail: `back on port ${server.port}; every client reconnected` };
}

/**
 * Silences every live WebSocket in the proxy without closing it, then waits until each
 * client's heartbeat has noticed (the client goes to 'reconnecting') and it is connected again.
 */
export async function dropWebSockets(proxy: SilentProxy, members: readonly LoadMember[]): Promise<FaultReport> {
  tally.faults += 1;
  // A client already reconnecting for another reason has no stream to lose; the rest must notice.
  const connected = members.filter((m) => m.client.connectionState === 'connected');
  const reconnectsBefore = new Map(members.map((m) => [m, m.stats.reconnects]));
  const connectedBefore = new Map(members.map((m) => [m, m.stats.connectedTimes]));
  const silenced = proxy.blackholeWebSockets();
  const silencedAt = Date.now();
  if (silenced < connected.length) throw new Error(`Only ${silenced} WebSockets were open to silence for ${connected.length} connected clients.`);
  await until('every client to notice the dead stream and reconnect', 240, 250, async () =>
    connected.every((m) => m.stats.reconnects > reconnectsBefore.get(m)!) && members.every((m) => m.stats.connectedTimes > connectedBefore.get(m)!)
      ? true : undefined);
  return { name: 'WebSockets silently dropped', detail: `${silenced} connections silenced; ${connected.length} heartbeats noticed and every client reconnected within ${((Date.now() - silencedAt) / 1000).toFixed(1)} s` };
}
