// Ten thousand signed-in people on one server process (issue 18): memory per connected
// client, time to connect them all, fan-out to a 1,000-member group, a steady 200 posts a
// second over the 100-member groups, the reconnect storm after a restart, and the same load
// on 1, 2 and 3 processes behind a round-robin balancer on one PostgreSQL.
//
// A "client" here is a signed-in event socket in a load-generator process: it sends the
// auth frame, is answered 'ready', answers pings, sends its own heartbeat, parses every
// frame, keeps each group's seqs contiguous and catches up by seq after a reconnect
// (bench/support/scale/swarm-worker.ts). It decrypts nothing; the server does all its
// per-socket work (token check, ended sign-ins, expiry timer, hub, presence, pings).
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { BenchOptions } from '../support/args';
import { createFreshDatabase } from '../support/database';
import { freePort, startTsChild, waitForLine, type Child } from '../support/processes';
import { fmt, type Row, type SectionResult } from '../support/report';
import { encryptedPost } from '../support/seed';
import { percentile, round } from '../support/stats';
import { newJwtSecret, startTeamChatServer, type TeamChatServer } from '../support/teamchat-server';
import { CpuWindow, rssKiB } from '../support/scale/proc-stats';
import { mergeHeads, reconnectStorm } from '../support/scale/reconnect-storm';
import { seedScaleWorld } from '../support/scale/seed-scale';
import { Poster, Swarm } from '../support/scale/swarm';
import type { WindowReport } from '../support/scale/swarm-protocol';

const GOALS = {
  memoryKiB: 20,
  fanoutP99Ms: 100,
  deliveriesPerSecond: 20_000,
  steadyP99Ms: 250,
  stormSettleS: 60,
};
const LOAD_PROCESSES = 4;
const BALANCERS = 2;
const FANOUT_PER_SECOND = 5;
const STEADY_POSTS_PER_SECOND = 200;
const BALANCER = path.join(__dirname, '..', 'support', 'scale', 'balancer.ts');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const load = () => os.loadavg().map((n) => round(n, 2));
const pass = (ok: boolean) => (ok ? '✅' : '❌');
const cores = (n: number) => round(n, 2);

async function serverMemory(server: TeamChatServer, token: string): Promise<{ rssKiB: number; heapKiB: number; externalKiB: number; loopLagP99Ms: number }> {
  const text = await (await fetch(`${server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
  const value = (name: string) => Number(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  return {
    rssKiB: rssKiB(server.child.process.pid as number),
    heapKiB: Math.round(value('nodejs_heap_size_used_bytes') / 1024),
    externalKiB: Math.round(value('nodejs_external_memory_bytes') / 1024),
    loopLagP99Ms: round(value('nodejs_eventloop_lag_p99_seconds') * 1000),
  };
}

function latencies(reports: WindowReport[]): { p50: number; p99: number; deliveries: number } {
  const all = reports.flatMap((r) => r.latencies);
  return { p50: round(percentile(all, 50)), p99: round(percentile(all, 99)), deliveries: reports.reduce((n, r) => n + r.deliveries, 0) };
}

function lastReceipts(reports: WindowReport[]): number[] {
  const last = new Map<string, number>();
  for (const r of reports) for (const [msgId, ms] of Object.entries(r.lastByMsgId)) last.set(msgId, Math.max(ms, last.get(msgId) ?? 0));
  return [...last.values()];
}

interface SteadyRun {
  posts: number;
  deliveries_per_s: number;
  p50_ms: number;
  p99_ms: number;
  server_cores: number[];
  balancer_cores: number[];
  load_generator_cores: number;
  notify_queue_usage_max: number;
  load_average: number[];
}

async function notifyQueueUsage(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query('SELECT pg_notification_queue_usage() AS usage')).rows[0].usage);
  } finally {
    await client.end();
  }
}

export async function runScaleBench(options: BenchOptions): Promise<SectionResult> {
  const count = options.scaleClients;
  const teamSize = Math.max(10, Math.min(100, Math.floor(count / 100)));
  const bigSize = Math.min(1000, Math.floor(count / 10));
  const db = await createFreshDatabase(options.databaseUrl, 'scale');
  const jwtSecret = newJwtSecret();
  const metricsToken = randomBytes(16).toString('hex');
  const port = await freePort();
  const serverStart = { databaseUrl: db.url, jwtSecret, port, env: { TEAMCHAT_METRICS_TOKEN: metricsToken }, startSeconds: 300 };
  let server = await startTeamChatServer(serverStart);
  const swarm = Swarm.start(LOAD_PROCESSES);
  const poster = new Poster();
  const tag = randomBytes(4).toString('hex');
  const figures: Record<string, unknown> = { clients: count, team_size: teamSize, big_group: bigSize, goals: GOALS };
  const passes: Record<string, boolean> = {};
  const rows: Row[] = [];
  const notes: string[] = [
    `scale: a client is a signed-in event socket in one of ${LOAD_PROCESSES} load-generator processes (auth frame, 'ready', pings both ways, every frame parsed, seqs kept contiguous, catch-up by seq after a reconnect); accounts and memberships seeded in SQL, tokens minted as the server's auth does. Load average (1, 5, 15 min) beside each figure: the machine is shared.`,
    'scale: anchors: Mattermost sizes a 2 vCPU app server for 200 concurrent users; Centrifugo reports ≈500,000 deliveries/s on 40 CPUs (≈12,500 per CPU).',
  ];
  const show = (row: Row) => {
    rows.push(row);
    process.stderr.write(`bench: scale: ${row.figure}: ${row.teamchat} ${row.ratio} (${row.ceiling})\n`);
  };
  /** A phase that fails is a failed row; the figures of the others stay. */
  const phase = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      passes[name] = false;
      show({ figure: `${name}: failed`, teamchat: 'n/a', ceiling: `load ${load().join(' ')}`, ratio: '❌', goal: message ?? '' });
    }
  };
  try {
    process.stderr.write(`bench: scale: seeding ${count} accounts...\n`);
    const world = await seedScaleWorld(server.baseUrl, db.url, jwtSecret, count, teamSize, bigSize);
    const blobB64 = encryptedPost(world.big, world.owner, 0).encryptedBlobB64;
    const teamIds = world.teams.map((g) => g.id);
    const heads: Record<string, number> = {};

    await sleep(3000);
    const before = await serverMemory(server, metricsToken);
    process.stderr.write(`bench: scale: connecting ${count} clients...\n`);
    const connectLoad = load();
    const connected = await swarm.connect([server.baseUrl], world.clients, tag);
    if (connected.ready !== count) throw new Error(`Only ${connected.ready} of ${count} clients connected (${connected.failures} failures).`);
    await sleep(5000);
    const after = await serverMemory(server, metricsToken);
    const perClientKiB = round((after.rssKiB - before.rssKiB) / count, 2);
    const heapPerClientKiB = round((after.heapKiB - before.heapKiB) / count, 2);
    const externalPerClientKiB = round((after.externalKiB - before.externalKiB) / count, 2);
    Object.assign(figures, {
      memoryPerClientKiB: perClientKiB, heap_per_client_kib: heapPerClientKiB, external_per_client_kib: externalPerClientKiB,
      rss_before_kib: before.rssKiB, rss_after_kib: after.rssKiB, connect_ms: Math.round(connected.ms), connect_load_average: connectLoad,
    });
    passes.memory = perClientKiB <= GOALS.memoryKiB;
    show({
      figure: `Memory per connected client (server RSS growth / ${count} sockets; of it heap ${heapPerClientKiB}, external ${externalPerClientKiB} KiB)`,
      teamchat: `${perClientKiB} KiB`, ceiling: `load ${connectLoad.join(' ')}`, ratio: pass(passes.memory), goal: `≤ ${GOALS.memoryKiB} KiB`,
    });
    show({
      figure: `Time to connect ${count} clients (open to 'ready', ${LOAD_PROCESSES} load processes)`,
      teamchat: fmt.ms(connected.ms), ceiling: `load ${connectLoad.join(' ')}`, ratio: '', goal: '',
    });

    await phase('fanout', async () => {
      process.stderr.write('bench: scale: fan-out to the large group...\n');
      await swarm.window('last');
      const fanoutLoad = load();
      const fanoutPosts = Math.min(100, options.fanoutMessages);
      mergeHeads(heads, (await poster.post({
        urls: [server.baseUrl], token: world.owner.token, groups: [world.big.id], perSecond: FANOUT_PER_SECOND,
        seconds: fanoutPosts / FANOUT_PER_SECOND, tag, blobB64,
      })).heads);
      await sleep(2000);
      const fanout = lastReceipts(await swarm.report());
      const p50 = round(percentile(fanout, 50));
      const p99 = round(percentile(fanout, 99));
      figures.fanout = { p50_ms: p50, p99_ms: p99, messages: fanout.length, sockets: bigSize, load_average: fanoutLoad };
      passes.fanout = p99 < GOALS.fanoutP99Ms && fanout.length === fanoutPosts;
      show({
        figure: `Fan-out to ${bigSize} sockets, send to last receipt: p50 / p99 (${fanout.length} of ${fanoutPosts} messages reached all)`,
        teamchat: `${fmt.ms(p50)} / ${fmt.ms(p99)}`, ceiling: `load ${fanoutLoad.join(' ')}`, ratio: pass(passes.fanout), goal: `p99 < ${GOALS.fanoutP99Ms} ms`,
      });
    });

    const steady = async (servers: TeamChatServer[], balancers: Child[], urls: string[]): Promise<SteadyRun> => {
      await swarm.window('each');
      await sleep(500);
      const cpu = new CpuWindow([...servers.map((s) => s.child.process.pid as number), ...balancers.map((b) => b.process.pid as number), ...swarm.pids, poster.pid]);
      let queueMax = 0;
      const sampling = setInterval(() => void notifyQueueUsage(db.url).then((u) => { queueMax = Math.max(queueMax, u); }, () => undefined), 1000);
      const posted = await poster.post({ urls, token: world.owner.token, groups: teamIds, perSecond: STEADY_POSTS_PER_SECOND, seconds: options.durationS, tag, blobB64 });
      mergeHeads(heads, posted.heads);
      await sleep(1500);
      clearInterval(sampling);
      const used = cpu.cores();
      const timing = latencies(await swarm.report());
      return {
        posts: posted.acknowledged,
        deliveries_per_s: Math.round(timing.deliveries / options.durationS),
        p50_ms: timing.p50,
        p99_ms: timing.p99,
        server_cores: used.slice(0, servers.length).map(cores),
        balancer_cores: used.slice(servers.length, servers.length + balancers.length).map(cores),
        load_generator_cores: cores(used.slice(servers.length + balancers.length).reduce((a, b) => a + b, 0)),
        notify_queue_usage_max: queueMax,
        load_average: load(),
      };
    };
    // 20,000 a second at the full size; a smaller --scale-clients has smaller teams, so fewer.
    const expectedDeliveries = Math.min(GOALS.deliveriesPerSecond, STEADY_POSTS_PER_SECOND * teamSize);
    const steadyPass = (run: SteadyRun) => run.p99_ms < GOALS.steadyP99Ms && run.deliveries_per_s >= expectedDeliveries * 0.98;

    await phase('steady', async () => {
      process.stderr.write(`bench: scale: ${STEADY_POSTS_PER_SECOND} posts/s for ${options.durationS} s...\n`);
      const single = await steady([server], [], [server.baseUrl]);
      const loop = await serverMemory(server, metricsToken);
      figures.steady = { ...single, event_loop_lag_p99_ms: loop.loopLagP99Ms };
      passes.steady = steadyPass(single);
      const perCore = single.deliveries_per_s / Math.max(0.01, single.server_cores[0] ?? 0);
      show({
        figure: `Steady ${STEADY_POSTS_PER_SECOND} posts/s over ${teamIds.length} groups of ${teamSize}: deliveries/s (server ${single.server_cores[0]} cores, load generators ${single.load_generator_cores})`,
        teamchat: `${single.deliveries_per_s.toLocaleString('en-US')}/s`, ceiling: `Centrifugo ≈12,500/CPU; here ${Math.round(perCore).toLocaleString('en-US')}/server core; load ${single.load_average.join(' ')}`,
        ratio: pass(single.deliveries_per_s >= expectedDeliveries * 0.98), goal: `${expectedDeliveries.toLocaleString('en-US')}/s`,
      });
      show({
        figure: 'Steady load, delivery latency p50 / p99', teamchat: `${fmt.ms(single.p50_ms)} / ${fmt.ms(single.p99_ms)}`,
        ceiling: `event loop lag p99 ${loop.loopLagP99Ms} ms`, ratio: pass(single.p99_ms < GOALS.steadyP99Ms), goal: `p99 < ${GOALS.steadyP99Ms} ms`,
      });
    });

    await phase('storm', async () => {
      process.stderr.write('bench: scale: reconnect storm...\n');
      const stormLoad = load();
      const storm = await reconnectStorm({
        swarm, poster, urls: [server.baseUrl], token: world.owner.token, groups: [...teamIds, world.big.id], blobB64, tag, heads,
        kill: async () => {
          server.child.process.kill('SIGKILL');
          await server.stop();
        },
        start: async () => {
          server = await startTeamChatServer(serverStart);
        },
        postsPerSecond: 50, postSeconds: 5, settleLimitS: 120,
      });
      figures.storm = { ...storm, load_average: stormLoad };
      passes.storm = storm.settled && storm.settledMs <= GOALS.stormSettleS * 1000 && storm.clientsMissingMessages === 0;
      show({
        figure: `Reconnect storm: ${count} clients after a SIGKILL and restart (down ${fmt.ms(storm.downMs)}), settled; all signed in after ${fmt.ms(storm.reconnectedMs)}; ${storm.acknowledged} acknowledged sends, ${storm.clientsMissingMessages} clients missing one`,
        teamchat: fmt.ms(storm.settledMs), ceiling: `load ${stormLoad.join(' ')}`, ratio: pass(passes.storm), goal: `≤ ${GOALS.stormSettleS} s, nothing lost`,
      });
    });

    const multi: Record<string, SteadyRun> = {};
    figures.processes = multi;
    for (const processes of [1, 2, 3]) {
      await phase(`processes_${processes}`, async () => {
        process.stderr.write(`bench: scale: ${processes} process(es) behind the balancer...\n`);
        await swarm.close();
        const servers = [server];
        const balancers: Child[] = [];
        try {
          for (let i = 1; i < processes; i++) servers.push(await startTeamChatServer({ databaseUrl: db.url, jwtSecret, startSeconds: 300 }));
          const backends = servers.map((s) => new URL(s.baseUrl).port);
          const urls: string[] = [];
          for (let b = 0; b < BALANCERS; b++) {
            const balancerPort = await freePort();
            const child = startTsChild(BALANCER, [String(balancerPort), ...backends]);
            balancers.push(child);
            await waitForLine(child, 'listening');
            urls.push(`http://127.0.0.1:${balancerPort}`);
          }
          const again = await swarm.connect(urls, world.clients, tag);
          if (again.ready !== count) throw new Error(`Only ${again.ready} of ${count} clients connected through the balancer.`);
          await sleep(2000);
          const run = await steady(servers, balancers, urls);
          multi[String(processes)] = run;
          passes[`processes_${processes}`] = steadyPass(run);
          show({
            figure: `${processes} process(es) behind the balancer, ${STEADY_POSTS_PER_SECOND} posts/s: deliveries/s, p50 / p99 (servers ${run.server_cores.join(' + ')} cores, balancers ${run.balancer_cores.join(' + ')}, load generators ${run.load_generator_cores})`,
            teamchat: `${run.deliveries_per_s.toLocaleString('en-US')}/s, ${fmt.ms(run.p50_ms)} / ${fmt.ms(run.p99_ms)}`,
            ceiling: `NOTIFY queue max ${run.notify_queue_usage_max}; load ${run.load_average.join(' ')}`,
            ratio: pass(passes[`processes_${processes}`] as boolean), goal: `${expectedDeliveries.toLocaleString('en-US')}/s, p99 < ${GOALS.steadyP99Ms} ms`,
          });
        } finally {
          for (const child of balancers) await child.stop();
          for (const extra of servers.slice(1)) await extra.stop();
        }
      });
    }
    figures.pass = passes;
    return { figures: { scale: figures }, rows, notes };
  } finally {
    await swarm.close().catch(() => undefined);
    await swarm.stop();
    await poster.stop();
    await server.stop();
    await db.drop();
  }
}
