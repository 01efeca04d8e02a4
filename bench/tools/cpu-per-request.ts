// CPU time the server process spends per send and per history page, for several versions of
// the server and the raw pg route, read from /proc (user + system) over a fixed number of
// requests. Unlike requests per second it hardly moves with the machine's other load, so it
// tells a before/after apart on a busy machine. PostgreSQL from BENCH_DATABASE_URL.
// Usage: tsx bench/tools/cpu-per-request.ts <server checkout> [<server checkout> ...] [--requests n]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addMembers, createGroup, registerUser, registerUsers } from '../support/api';
import { startRawPgServer } from '../support/baseline-servers';
import { createFreshDatabase } from '../support/database';
import { httpContender, type Contender } from '../support/http-load';
import { freePort, startTsChild, stopAllChildren, waitUntilServing, type Child } from '../support/processes';
import { encryptedPost, seedMessages } from '../support/seed';
import { SubscriberSwarm } from '../support/subscribers';
import { newJwtSecret } from '../support/teamchat-server';
import { msgIdFor } from '../sections/send';

const args = process.argv.slice(2);
const countAt = args.indexOf('--requests');
const requests = countAt >= 0 ? Number(args[countAt + 1]) : 2000;
const roots = args.filter((a, i) => a !== '--requests' && i !== countAt + 1);
const CONCURRENCY = 8;
const TICK_US = 1e6 / 100;

function cpuUs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_US;
}

/** `total` requests in CONCURRENCY closed-loop lanes; the server's CPU time per request in µs. */
async function cpuPerRequest(pid: number, contender: Contender, total: number, offset: number): Promise<number> {
  let next = 0;
  const lane = async (index: number) => {
    while (next < total) {
      next += 1;
      await contender.task(index, offset + next);
    }
  };
  const before = cpuUs(pid);
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => lane(i)));
  return (cpuUs(pid) - before) / total;
}

async function startServer(root: string, databaseUrl: string): Promise<{ baseUrl: string; child: Child }> {
  const port = await freePort();
  const child = startTsChild(path.join(root, 'server', 'main.ts'), [], {
    PORT: String(port), HOST: '127.0.0.1', JWT_SECRET: newJwtSecret(), TEAMCHAT_LOG_LEVEL: 'warn', TEAMCHAT_AUTH_RATE_LIMIT: '1000000', DATABASE_URL: databaseUrl,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilServing(child, `${baseUrl}/api/health`, `The server of ${root}`, 180);
  return { baseUrl, child };
}

async function measure(root: string | 'raw'): Promise<{ send: number; history: number }> {
  const db = await createFreshDatabase(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', 'cpu');
  const swarm = new SubscriberSwarm();
  try {
    // The raw route runs on a database a TeamChat server made (its schema, one group).
    const server = await startServer(root === 'raw' ? roots[0]! : root, db.url);
    const owner = await registerUser(server.baseUrl, 'owner');
    const users = await registerUsers(server.baseUrl, 'user', CONCURRENCY + 1, 2);
    const group = await createGroup(server.baseUrl, owner, 'cpu');
    await addMembers(server.baseUrl, owner, group, users);
    const blobB64 = encryptedPost(group, owner, 0).encryptedBlobB64;
    await seedMessages(server.baseUrl, group, users.slice(0, 4), 1000);
    let target: { pid: number; send: Contender; history: Contender };
    if (root === 'raw') {
      await server.child.stop();
      const raw = await startRawPgServer(db.url);
      target = {
        pid: raw.child.process.pid!,
        send: httpContender('raw send', raw.baseUrl, CONCURRENCY, 201, (lane, n) => ({
          method: 'POST', path: `/groups/${group.id}/messages`, headers: { 'x-sender': users[lane]!.username },
          body: JSON.stringify({ msgId: msgIdFor('ffffffff', lane, n), generation: 1, encryptedBlobB64: blobB64 }),
        })),
        history: httpContender('raw history', raw.baseUrl, CONCURRENCY, 200, (_lane, n) => ({ method: 'GET', path: `/groups/${group.id}/messages?before=${60 + (n % 900)}&limit=50` })),
      };
    } else {
      await swarm.connectTeamChat(server.baseUrl, [users[CONCURRENCY]!.token]);
      target = {
        pid: server.child.process.pid!,
        send: httpContender('send', server.baseUrl, CONCURRENCY, 201, (lane, n) => ({
          method: 'POST', path: `/api/groups/${group.id}/messages`, headers: { authorization: `Bearer ${users[lane]!.token}` },
          body: JSON.stringify({ msgId: msgIdFor('eeeeeeee', lane, n), generation: 1, encryptedBlobB64: blobB64 }),
        })),
        history: httpContender('history', server.baseUrl, CONCURRENCY, 200, (_lane, n) => ({
          method: 'GET', path: `/api/groups/${group.id}/messages?before=${60 + (n % 900)}&limit=50`, headers: { authorization: `Bearer ${owner.token}` },
        })),
      };
    }
    await cpuPerRequest(target.pid, target.send, 300, 0);
    const send = await cpuPerRequest(target.pid, target.send, requests, 1000);
    await cpuPerRequest(target.pid, target.history, 300, 0);
    const history = await cpuPerRequest(target.pid, target.history, requests, 1000);
    target.send.close?.();
    target.history.close?.();
    return { send, history };
  } finally {
    await swarm.close();
    await stopAllChildren();
    await db.drop();
  }
}

void (async () => {
  if (roots.length === 0) throw new Error('Name at least one server checkout.');
  console.log(`CPU per request of the server process (µs, user + system), ${requests} requests each, ${CONCURRENCY} lanes; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  for (const root of [...roots, 'raw' as const]) {
    const { send, history } = await measure(root);
    console.log(`${root.padEnd(30)} send ${send.toFixed(0).padStart(6)}   history page ${history.toFixed(0).padStart(6)}`);
  }
})().catch(async (error: unknown) => {
  console.error(error);
  await stopAllChildren();
  process.exit(1);
});
