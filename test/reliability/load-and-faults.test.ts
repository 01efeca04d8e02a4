import assert from 'node:assert/strict';
import { createAccount, inBatches, type Account } from './support/accounts';
import { serverErrors } from './support/api';
import { addToGroup, createSharedGroup, type SharedGroup } from './support/groups';
import { ensurePostgresUp } from './support/postgres-cluster';
import { startServerUnderTest, type ServerUnderTest } from './support/server-under-test';
import { SilentProxy } from './support/silent-proxy';
import { tally } from './support/tally';
import { dropWebSockets, killServer, restartPostgres, type FaultReport } from './load/faults';
import { compareView, type Acknowledged } from './load/ledger';
import { LoadClient } from './load/load-client';

const LOAD_SECONDS = Number(process.env.RELIABILITY_LOAD_SECONDS ?? 60);
const CLIENTS = Number(process.env.RELIABILITY_CLIENTS ?? 50);
const TEAM_SIZE = 10;
const HEARTBEAT_MS = 1000;
const HEARTBEAT_TIMEOUT_MS = 5000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low));

describe(`reliability: ${CLIENTS} clients for ${LOAD_SECONDS} s with faults`, function () {
  this.timeout((LOAD_SECONDS + 600) * 1000);
  let server: ServerUnderTest;
  let proxy: SilentProxy;
  let accounts: Account[];
  let clients: LoadClient[] = [];
  const groups: { group: SharedGroup; members: Account[] }[] = [];

  before(async function () {
    this.timeout(600_000);
    server = await startServerUnderTest('load');
    proxy = new SilentProxy(server.port);
    await proxy.listen();
    accounts = await inBatches(Array.from({ length: CLIENTS }, (_, i) => `load${String(i).padStart(3, '0')}`), 4,
      (name) => createAccount(server.baseUrl, name));
    // Teams of ten, and everyone in one all-hands group: a member of two groups at once.
    for (let start = 0; start < accounts.length; start += TEAM_SIZE) {
      const team = accounts.slice(start, start + TEAM_SIZE);
      groups.push({ group: await createSharedGroup(server.baseUrl, team[0]!, team.slice(1), `team ${start / TEAM_SIZE}`), members: team });
    }
    const allHands = await createSharedGroup(server.baseUrl, accounts[0]!, [], 'all hands');
    for (const account of accounts.slice(1)) await addToGroup(server.baseUrl, accounts[0]!, allHands, account);
    groups.push({ group: allHands, members: accounts });
    const signingKeys = new Map(accounts.map((a) => [a.username, a.identity.signingPublicKey]));
    clients = accounts.map((account) => new LoadClient({
      username: account.username, token: account.token, identity: account.identity,
      httpUrl: server.baseUrl, wsUrl: `ws://127.0.0.1:${proxy.port}/api/events`,
      signingKeys, heartbeatMs: HEARTBEAT_MS, heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS,
    }));
    for (const { group, members } of groups) {
      for (const member of members) {
        clients[accounts.indexOf(member)]!.joinGroup({ groupId: group.groupId, generation: group.generation, groupKey: group.keys.get(group.generation)! });
      }
    }
    await Promise.all(clients.map((c) => c.start()));
  });

  after(async function () {
    this.timeout(120_000);
    await Promise.all(clients.map((c) => c.stop()));
    await proxy?.close();
    await ensurePostgresUp(server?.databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    await server?.stop();
  });

  it('loses no acknowledged message through load, a PostgreSQL restart, a SIGKILL and silent WebSocket drops', async function () {
    const acknowledged: Acknowledged[] = [];
    const end = Date.now() + LOAD_SECONDS * 1000;
    const retryDeadline = end + 120_000;
    const failures: string[] = [];
    const errorsBefore = serverErrors.length;

    const work = clients.map(async (client, index) => {
      await sleep(between(0, 1000));
      const sent = new Map<string, number>();
      const myGroups = client.groupIds();
      let round = 0;
      while (Date.now() < end) {
        round += 1;
        // Mostly the team, sometimes all hands (the last group).
        const groupId = round % 8 === 0 ? myGroups[myGroups.length - 1]! : myGroups[0]!;
        const senderIndex = sent.get(groupId) ?? 0;
        sent.set(groupId, senderIndex + 1);
        try {
          acknowledged.push(await client.post(groupId, `load ${index} #${senderIndex}`, senderIndex, retryDeadline));
          if (round % 5 === 0) await client.readNewestPage(groupId, retryDeadline);
        } catch (error) {
          failures.push(`${client.username}: ${(error as Error).message}`);
          return;
        }
        await sleep(between(400, 1200));
      }
    });

    const faults: FaultReport[] = [];
    const faultPlan: [number, () => Promise<FaultReport>][] = [
      [0.2, () => dropWebSockets(proxy, clients)],
      [0.45, () => restartPostgres(server, accounts[0]!.token)],
      [0.7, () => killServer(server, accounts[0]!.token)],
    ];
    const started = Date.now();
    const faultRun = (async () => {
      for (const [at, inject] of faultPlan) {
        const wait = started + at * LOAD_SECONDS * 1000 - Date.now();
        if (wait > 0) await sleep(wait);
        faults.push(await inject());
      }
    })();
    await Promise.all([...work, faultRun]);
    tally.acknowledged += acknowledged.length;

    // Let every live stream settle on what was acknowledged, without forcing a catch-up.
    const highest = new Map<string, number>();
    for (const ack of acknowledged) highest.set(ack.groupId, Math.max(highest.get(ack.groupId) ?? 0, ack.seq));
    for (let i = 0; i < 120; i++) {
      const behind = clients.some((c) => c.groupIds().some((g) => c.lastSeqOf(g) < (highest.get(g) ?? 0)));
      if (!behind) break;
      await sleep(250);
    }

    const lostIds = new Set<string>();
    const problems: string[] = [];
    let duplicates = 0;
    let outOfOrder = 0;
    let foreign = 0;
    for (const { group, members } of groups) {
      const acks = acknowledged.filter((a) => a.groupId === group.groupId);
      for (const member of members) {
        const client = clients[accounts.indexOf(member)]!;
        const history = await client.history(group.groupId, Date.now() + 60_000);
        const stream = [...(client.stream.get(group.groupId) ?? [])].sort((a, b) => a.seq - b.seq);
        for (const [label, seen] of [[`${member.username} history`, history], [`${member.username} stream`, stream]] as const) {
          const verdict = compareView(`${label} of ${group.groupId.slice(0, 8)}`, acks, seen, lostIds);
          duplicates += verdict.duplicates;
          outOfOrder += verdict.outOfOrder;
          foreign += verdict.foreign;
          problems.push(...verdict.problems);
        }
      }
    }
    tally.lost += lostIds.size;

    const sum = (key: 'retries' | 'status503' | 'networkErrors' | 'reconnects' | 'heartbeatTimeouts' | 'lateArrivals' | 'duplicateDeliveries' | 'undecryptable') =>
      clients.reduce((total, c) => total + c.stats[key], 0);
    const unexpected5xx = serverErrors.slice(errorsBefore).filter((e) => e.status !== 503);
    process.stdout.write([
      `      load: ${acknowledged.length} acknowledged in ${LOAD_SECONDS} s by ${clients.length} clients in ${groups.length} groups`,
      `      faults: ${faults.map((f) => `${f.name} (${f.detail})`).join('; ')}`,
      `      clients: ${sum('retries')} retries, ${sum('status503')} answers 503, ${sum('networkErrors')} network errors, ` +
        `${sum('reconnects')} reconnects, ${sum('heartbeatTimeouts')} heartbeat timeouts, ${sum('lateArrivals')} late live arrivals`,
      `      check: ${lostIds.size} lost, ${duplicates} duplicates, ${outOfOrder} out of order, ${foreign} unacknowledged stored, ` +
        `${sum('duplicateDeliveries')} duplicate deliveries, ${sum('undecryptable')} undecryptable`,
      '',
    ].join('\n'));

    assert.deepEqual(failures, [], 'a client gave up');
    assert.deepEqual(unexpected5xx.map((e) => `${e.method} ${e.path} ${e.status} ${e.text.slice(0, 120)}`), [], 'a 5xx other than 503');
    assert.deepEqual(problems.slice(0, 10), [], 'histories and streams differ from what was acknowledged');
    assert.equal(lostIds.size, 0, 'acknowledged messages lost');
    assert.equal(duplicates, 0, 'duplicates');
    assert.equal(outOfOrder, 0, 'out of order');
    assert.equal(foreign, 0, 'stored messages nobody got an acknowledgement for');
    assert.equal(sum('duplicateDeliveries'), 0, 'the same event pushed twice on one connection');
    assert.equal(sum('undecryptable'), 0, 'messages that did not verify');
    assert.ok(acknowledged.length > 0, 'nothing was acknowledged');
    assert.equal(faults.length, faultPlan.length);
  });
});
