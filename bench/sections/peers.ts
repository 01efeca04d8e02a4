import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { BenchOptions } from '../support/args';
import { addMembers, createGroup, registerUser, registerUsers, type BenchUser } from '../support/api';
import { createFreshDatabase } from '../support/database';
import { runInterleaved, type LoadResult } from '../support/http-load';
import { fmt, type Row, type SectionResult } from '../support/report';
import { median, percentile, ratio, round } from '../support/stats';
import { encryptedPost } from '../support/seed';
import { SubscriberSwarm } from '../support/subscribers';
import { newJwtSecret, startTeamChatServer } from '../support/teamchat-server';
import { teamchatTarget, timeFanout, type FanoutRun } from './fanout';
import { EJABBERD_INSTALL_COMMAND, ejabberdMissing, startEjabberd, type EjabberdServer } from '../peers/ejabberd-server';
import { joinOccupants, leaveAll, RoomSwarm, withTimeout, xmppSendContender, type RoomOccupant } from '../peers/xmpp-room';
import { connectMembers, teamchatSendContender } from '../peers/teamchat-members';
import { ejabberdMemoryPerClient, type PeerMemory } from '../peers/memory';

const SEND_LISTENERS = 4;
const FANOUT_WARMUP = 20;
/** The goals: TeamChat's send rate at least 2.5x ejabberd's, its fan-out p99 at most a third. */
const SEND_RATE_GOAL = 2.5;
const FANOUT_P99_GOAL = 1 / 3;

interface Side {
  send: LoadResult;
  fanout: FanoutRun;
  /** Server CPU (user + system) per message in the send runs and the fan-out runs. */
  send_cpu_ms_per_msg: number;
  fanout_cpu_ms_per_msg: number;
  /** The bench process's own CPU per fan-out message: its clients parsing every copy. */
  fanout_client_cpu_ms_per_msg: number;
}

interface Pair {
  load_average: number[];
  ejabberd: Side;
  teamchat: Side;
  send_rate_ratio: number;
  fanout_p99_ratio: number;
}

/** CPU time (user + system) a process has used, in ms, from /proc (Linux). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const loadAverage = () => os.loadavg().map((n) => round(n, 2));

/** The fan-out shape of timeFanout, for XMPP: one message at a time, from the send until the last listener has it (and the sender its echo). */
async function timeXmppFanout(sender: RoomOccupant, swarm: RoomSwarm, messages: number, body: string): Promise<FanoutRun> {
  const tag = randomBytes(4).toString('hex');
  const latencies: number[] = [];
  for (let n = 0; n < FANOUT_WARMUP + messages; n++) {
    const id = `${tag}-f-${n}`;
    const received = swarm.expect(id);
    const t0 = performance.now();
    await withTimeout(sender.post(id, body), 10_000, `No echo of fan-out message ${n} within 10 s.`);
    const lastAt = await withTimeout(received, 10_000, `Not every occupant received fan-out message ${n} within 10 s.`);
    if (n >= FANOUT_WARMUP) latencies.push(lastAt - t0);
  }
  return { p50_ms: round(percentile(latencies, 50)), p99_ms: round(percentile(latencies, 99)), messages, subscribers: swarm.size };
}

const range = (values: number[], f: (n: number) => string) => `${f(Math.min(...values))}-${f(Math.max(...values))}`;

/** ejabberd beside TeamChat, the same loads alternated in pairs in one run; skipped with a note when ejabberd is not installed. */
export async function runPeersBench(options: BenchOptions): Promise<SectionResult> {
  const why = ejabberdMissing();
  if (why) {
    return {
      figures: { peers: { skipped: why } },
      rows: [],
      notes: [`Peer (ejabberd) skipped: ${why.replace(/\.$/, '')}. To run it: \`${EJABBERD_INSTALL_COMMAND}\`, then \`npm run bench -- --only peers\`.`],
    };
  }
  const { concurrency, subscribers } = options;
  const pairs = options.peerPairs;
  const sendSeconds = options.durationS / pairs;
  const db = await createFreshDatabase(options.databaseUrl, 'peers');
  const stops: (() => Promise<void>)[] = [() => db.drop()];
  const results: Pair[] = [];
  try {
    const server = await startTeamChatServer({ databaseUrl: db.url, jwtSecret: newJwtSecret() });
    stops.unshift(() => server.stop());
    // Occupants: the send room's senders and listeners, the fan-out room's sender and listeners, all distinct.
    const sendMembers = concurrency + SEND_LISTENERS;
    const ejabberd: EjabberdServer = await startEjabberd(options.databaseUrl, sendMembers + 1 + subscribers);
    stops.unshift(() => ejabberd.stop());
    process.stderr.write(`bench: peers: ejabberd on 127.0.0.1:${ejabberd.port} (archive synchronous_commit=${ejabberd.synchronous_commit}); registering TeamChat users...\n`);

    const owner = await registerUser(server.baseUrl, 'owner');
    const users = await registerUsers(server.baseUrl, 'peer', sendMembers + subscribers, 4);
    const senders = users.slice(0, concurrency);
    const listeners = users.slice(concurrency, sendMembers);
    const fanoutSubscribers = users.slice(sendMembers);
    const sendGroup = await createGroup(server.baseUrl, owner, 'peer send');
    await addMembers(server.baseUrl, owner, sendGroup, [...senders, ...listeners]);
    const fanoutGroup = await createGroup(server.baseUrl, owner, 'peer fan-out');
    await addMembers(server.baseUrl, owner, fanoutGroup, fanoutSubscribers);
    // The same bytes on both: a real encrypted message's blob is the XMPP body.
    const blobB64 = encryptedPost({ id: '00000000-0000-4000-8000-000000000000', key: new Uint8Array(32), generation: 1 }, owner, 0).encryptedBlobB64;

    const members = await connectMembers(server.baseUrl, senders);
    stops.unshift(async () => members.close());
    const tcListeners = new SubscriberSwarm();
    stops.unshift(() => tcListeners.close());
    await tcListeners.connectTeamChat(server.baseUrl, listeners.map((u: BenchUser) => u.token));
    const tcFanout = new SubscriberSwarm();
    stops.unshift(() => tcFanout.close());
    await tcFanout.connectTeamChat(server.baseUrl, fanoutSubscribers.map((u) => u.token));

    process.stderr.write(`bench: peers: ${sendMembers + 1 + subscribers} XMPP occupants joining...\n`);
    const name = (i: number) => `bench${i}`;
    const xmppSenders = await joinOccupants(ejabberd, 'send', Array.from({ length: concurrency }, (_, i) => name(i)), null);
    stops.unshift(() => leaveAll(xmppSenders));
    const xmppListeners = await joinOccupants(ejabberd, 'send', Array.from({ length: SEND_LISTENERS }, (_, i) => name(concurrency + i)), new RoomSwarm());
    stops.unshift(() => leaveAll(xmppListeners));
    const [xmppFanoutSender] = await joinOccupants(ejabberd, 'fanout', [name(sendMembers)], null);
    stops.unshift(() => leaveAll([xmppFanoutSender!]));
    const xmppFanout = new RoomSwarm();
    const fanoutOccupants = await joinOccupants(ejabberd, 'fanout', Array.from({ length: subscribers }, (_, i) => name(sendMembers + 1 + i)), xmppFanout);
    stops.unshift(() => leaveAll(fanoutOccupants));

    const tcPid = server.child.process.pid!;
    for (let p = 0; p < pairs; p++) {
      process.stderr.write(`bench: peers: pair ${p + 1}/${pairs} (load average ${loadAverage().join(' ')})\n`);
      const cpu0 = { ej: cpuMs(ejabberd.pid), tc: cpuMs(tcPid) };
      // ejabberd and TeamChat take turns in slices (ejabberd first), so the machine's other load hits them alike.
      const [ejSend, tcSend] = await runInterleaved(
        { concurrency, durationS: sendSeconds, warmupS: p === 0 ? options.warmupS : 0, sliceS: options.sliceS },
        [
          xmppSendContender('ejabberd send', xmppSenders, randomBytes(4).toString('hex'), blobB64),
          teamchatSendContender(server.baseUrl, sendGroup.id, senders, members, randomBytes(4).toString('hex'), blobB64, concurrency),
        ],
      ) as [LoadResult, LoadResult];
      const cpu1 = { ej: cpuMs(ejabberd.pid), tc: cpuMs(tcPid) };
      // Warm-up requests are in the CPU delta of the first pair too; it is a per-message figure, close enough.
      const fanoutCount = FANOUT_WARMUP + options.fanoutMessages;
      const perFanout = (ms: number) => round(ms / fanoutCount, 3);
      const client0 = process.cpuUsage();
      const ejFanout = await timeXmppFanout(xmppFanoutSender!, xmppFanout, options.fanoutMessages, blobB64);
      const client1 = process.cpuUsage(client0);
      const cpu2 = { ej: cpuMs(ejabberd.pid), tc: cpuMs(tcPid) };
      const tcFanoutRun = await timeFanout(teamchatTarget(server.baseUrl, owner, fanoutGroup, tcFanout), options.fanoutMessages, blobB64);
      const client2 = process.cpuUsage(client0);
      const cpu3 = { ej: cpuMs(ejabberd.pid), tc: cpuMs(tcPid) };
      const perMsg = (ms: number, r: LoadResult) => round(ms / Math.max(1, r.requests), 3);
      const clientMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
      results.push({
        load_average: loadAverage(),
        ejabberd: {
          send: ejSend, fanout: ejFanout, send_cpu_ms_per_msg: perMsg(cpu1.ej - cpu0.ej, ejSend),
          fanout_cpu_ms_per_msg: perFanout(cpu2.ej - cpu1.ej), fanout_client_cpu_ms_per_msg: perFanout(clientMs(client1)),
        },
        teamchat: {
          send: tcSend, fanout: tcFanoutRun, send_cpu_ms_per_msg: perMsg(cpu1.tc - cpu0.tc, tcSend),
          fanout_cpu_ms_per_msg: perFanout(cpu3.tc - cpu2.tc), fanout_client_cpu_ms_per_msg: perFanout(clientMs(client2) - clientMs(client1)),
        },
        send_rate_ratio: ratio(tcSend.rps, ejSend.rps),
        fanout_p99_ratio: ratio(tcFanoutRun.p99_ms, ejFanout.p99_ms),
      });
    }
  } finally {
    for (const stop of stops) await stop().catch((error: unknown) => process.stderr.write(`bench: peers cleanup: ${String(error)}\n`));
  }

  process.stderr.write(`bench: peers: memory, ${options.peerClients} signed-in ejabberd sessions...\n`);
  const memory = await ejabberdMemoryPerClient(options.databaseUrl, options.peerClients);
  return summarize(options, results, memory);
}

function summarize(options: BenchOptions, pairs: Pair[], memory: PeerMemory): SectionResult {
  const pick = (f: (p: Pair) => number) => pairs.map(f);
  const sendRatio = median(pick((p) => p.send_rate_ratio));
  const fanoutRatio = median(pick((p) => p.fanout_p99_ratio));
  const loads = pairs.map((p) => p.load_average[0]!);
  const n = pairs.length;
  const figures = {
    peers: {
      ejabberd: {
        version: '23.01 (Debian), mod_muc + mod_mam on PostgreSQL (synchronous_commit on)',
        send_rps: median(pick((p) => p.ejabberd.send.rps)), send_p50_ms: median(pick((p) => p.ejabberd.send.p50_ms)),
        send_p99_ms: median(pick((p) => p.ejabberd.send.p99_ms)), send_cpu_ms_per_msg: median(pick((p) => p.ejabberd.send_cpu_ms_per_msg)),
        fanout_cpu_ms_per_msg: median(pick((p) => p.ejabberd.fanout_cpu_ms_per_msg)),
        fanout_client_cpu_ms_per_msg: median(pick((p) => p.ejabberd.fanout_client_cpu_ms_per_msg)),
        fanout_p50_ms: median(pick((p) => p.ejabberd.fanout.p50_ms)), fanout_p99_ms: median(pick((p) => p.ejabberd.fanout.p99_ms)),
        memory,
      },
      teamchat: {
        send_rps: median(pick((p) => p.teamchat.send.rps)), send_p50_ms: median(pick((p) => p.teamchat.send.p50_ms)),
        send_p99_ms: median(pick((p) => p.teamchat.send.p99_ms)), send_cpu_ms_per_msg: median(pick((p) => p.teamchat.send_cpu_ms_per_msg)),
        fanout_cpu_ms_per_msg: median(pick((p) => p.teamchat.fanout_cpu_ms_per_msg)),
        fanout_client_cpu_ms_per_msg: median(pick((p) => p.teamchat.fanout_client_cpu_ms_per_msg)),
        fanout_p50_ms: median(pick((p) => p.teamchat.fanout.p50_ms)), fanout_p99_ms: median(pick((p) => p.teamchat.fanout.p99_ms)),
      },
      send_rate_ratio: sendRatio, send_rate_goal: SEND_RATE_GOAL, send_rate_met: sendRatio >= SEND_RATE_GOAL,
      fanout_p99_ratio: fanoutRatio, fanout_p99_goal: round(FANOUT_P99_GOAL, 3), fanout_p99_met: fanoutRatio <= FANOUT_P99_GOAL,
      send_p50_ratio: median(pick((p) => ratio(p.teamchat.send.p50_ms, p.ejabberd.send.p50_ms))),
      pairs: pairs.length, concurrency: options.concurrency, listeners: SEND_LISTENERS, subscribers: options.subscribers,
      fanout_messages: options.fanoutMessages, send_seconds_per_pair: round(options.durationS / n, 2),
      load_average_1m: { min: Math.min(...loads), max: Math.max(...loads) },
      per_pair: pairs,
    },
  };
  const across = `median of ${n} pairs`;
  const rows: Row[] = [
    {
      figure: `Peer: send, ${options.concurrency} members, each waits for its own echo: msgs/s (${across}; range)`,
      teamchat: `${fmt.rps(figures.peers.teamchat.send_rps)} (${range(pick((p) => p.teamchat.send.rps), (v) => Math.round(v).toLocaleString('en-US'))})`,
      ceiling: `ejabberd ${fmt.rps(figures.peers.ejabberd.send_rps)} (${range(pick((p) => p.ejabberd.send.rps), (v) => Math.round(v).toLocaleString('en-US'))})`,
      ratio: `${fmt.ratio(sendRatio, sendRatio >= SEND_RATE_GOAL)} (${range(pick((p) => p.send_rate_ratio), (v) => v.toFixed(2))})`,
      goal: `≥ ${SEND_RATE_GOAL}× ejabberd`,
    },
    {
      figure: 'Peer: send p50 / p99 latency',
      teamchat: `${fmt.ms(figures.peers.teamchat.send_p50_ms)} / ${fmt.ms(figures.peers.teamchat.send_p99_ms)}`,
      ceiling: `ejabberd ${fmt.ms(figures.peers.ejabberd.send_p50_ms)} / ${fmt.ms(figures.peers.ejabberd.send_p99_ms)}`,
      ratio: fmt.ratio(figures.peers.send_p50_ratio), goal: '',
    },
    {
      figure: 'Peer: server CPU per message sent (send runs)',
      teamchat: `${figures.peers.teamchat.send_cpu_ms_per_msg.toFixed(2)} ms`,
      ceiling: `ejabberd (beam) ${figures.peers.ejabberd.send_cpu_ms_per_msg.toFixed(2)} ms`,
      ratio: fmt.ratio(ratio(figures.peers.teamchat.send_cpu_ms_per_msg, figures.peers.ejabberd.send_cpu_ms_per_msg)), goal: '',
    },
    {
      figure: `Peer: fan-out to ${options.subscribers}, send to last receipt: p50 / p99 (${across}; p99 range)`,
      teamchat: `${fmt.ms(figures.peers.teamchat.fanout_p50_ms)} / ${fmt.ms(figures.peers.teamchat.fanout_p99_ms)} (${range(pick((p) => p.teamchat.fanout.p99_ms), fmt.ms)})`,
      ceiling: `ejabberd ${fmt.ms(figures.peers.ejabberd.fanout_p50_ms)} / ${fmt.ms(figures.peers.ejabberd.fanout_p99_ms)} (${range(pick((p) => p.ejabberd.fanout.p99_ms), fmt.ms)})`,
      ratio: `${fmt.ratio(fanoutRatio, fanoutRatio <= FANOUT_P99_GOAL)} (${range(pick((p) => p.fanout_p99_ratio), (v) => v.toFixed(2))})`,
      goal: 'p99 ≤ ⅓ of ejabberd',
    },
    {
      figure: 'Peer: fan-out CPU per message: server; the bench\'s clients parsing every copy',
      teamchat: `${figures.peers.teamchat.fanout_cpu_ms_per_msg.toFixed(2)} ms; ${figures.peers.teamchat.fanout_client_cpu_ms_per_msg.toFixed(2)} ms`,
      ceiling: `ejabberd ${figures.peers.ejabberd.fanout_cpu_ms_per_msg.toFixed(2)} ms; @xmpp/client ${figures.peers.ejabberd.fanout_client_cpu_ms_per_msg.toFixed(2)} ms`,
      ratio: fmt.ratio(ratio(figures.peers.teamchat.fanout_cpu_ms_per_msg, figures.peers.ejabberd.fanout_cpu_ms_per_msg)), goal: '',
    },
    {
      figure: `Peer: memory per signed-in client, ${memory.clients.toLocaleString('en-US')} sessions (server RSS growth / sessions)`,
      teamchat: 'scale section',
      ceiling: `ejabberd ${(memory.bytes_per_client / 1024).toFixed(1)} KiB (RSS ${(memory.rss_before_bytes / 2 ** 20).toFixed(0)} → ${(memory.rss_after_bytes / 2 ** 20).toFixed(0)} MiB)`,
      ratio: '', goal: 'less than ejabberd',
    },
  ];
  const notes = [
    `Peer pairs ran at load average ${Math.min(...loads).toFixed(2)}-${Math.max(...loads).toFixed(2)} (1 min); ${os.cpus().length} cores.`,
  ];
  for (const [who, f] of [['ejabberd', (p: Pair) => p.ejabberd.send], ['TeamChat', (p: Pair) => p.teamchat.send]] as const) {
    const errors = pairs.reduce((sum, p) => sum + f(p).errors, 0);
    const first = pairs.map((p) => f(p).firstError).find(Boolean);
    if (errors) notes.push(`Peer ${who} send: ${errors} failed; first: ${first}`);
  }
  return { figures, rows, notes };
}
