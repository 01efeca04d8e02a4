import path from 'node:path';
import { MemorySecretStore, TeamChatClient } from '../../client';
import type { BenchOptions, Section } from '../support/args';
import { addMembers, createGroup, registerUser, registerUsers, type BenchUser } from '../support/api';
import { startBareWsServer, startRawPgServer } from '../support/baseline-servers';
import { createFreshDatabase } from '../support/database';
import { fmt, type SectionResult } from '../support/report';
import { ratio } from '../support/stats';
import { encryptedPost, seedMessages } from '../support/seed';
import { SubscriberSwarm } from '../support/subscribers';
import { newJwtSecret, startTeamChatServer } from '../support/teamchat-server';
import { benchHistory } from '../sections/history';
import { benchSend } from '../sections/send';
import { teamchatTarget, timeFanout } from '../sections/fanout';
import { benchClient } from '../sections/client';
import { benchSignin } from '../sections/signin';
import { benchThreads } from '../sections/threads';
import type { Recorder } from '../run';

const SEND_LISTENERS = 4;
const HISTORY_SENDERS = 4;
/** Not a secret: a bench account on a throw-away database. */
const READER_PASSPHRASE = 'bench reader: correct horse battery staple';

/** Send, history, fan-out, client, sign-in and threads against PostgreSQL, each beside its ceiling. */
export async function runPostgresSuite(options: BenchOptions, record: Recorder): Promise<void> {
  const db = await createFreshDatabase(options.databaseUrl, 'pg');
  const jwtSecret = newJwtSecret();
  const stops: (() => Promise<void>)[] = [() => db.drop()];
  let serverLog = () => '';
  try {
    const server = await startTeamChatServer({ databaseUrl: db.url, jwtSecret, nodeArgs: profileArgs('server-a') });
    stops.unshift(() => server.stop());
    serverLog = () => server.child.output().slice(-4000);
    const raw = await startRawPgServer(db.url, profileArgs('raw-pg'));
    stops.unshift(() => raw.child.stop());

    process.stderr.write('bench: registering users...\n');
    const owner = await registerUser(server.baseUrl, 'owner');
    const userCount = Math.max(options.sections.has('fanout') ? options.subscribers : 0, options.concurrency + SEND_LISTENERS, HISTORY_SENDERS);
    const users = await registerUsers(server.baseUrl, 'user', userCount, 2);
    const blobB64 = encryptedPost({ id: '00000000-0000-4000-8000-000000000000', key: new Uint8Array(32), generation: 1 }, owner, 0).encryptedBlobB64;

    if (options.sections.has('send')) {
      await record('send', async () => {
        const senders = users.slice(0, options.concurrency);
        const listeners = users.slice(options.concurrency, options.concurrency + SEND_LISTENERS);
        const group = await createGroup(server.baseUrl, owner, 'send bench');
        await addMembers(server.baseUrl, owner, group, [...senders, ...listeners]);
        const rawGroup = await createGroup(server.baseUrl, owner, 'raw send bench');
        return benchSend({
          options, baseUrl: server.baseUrl, rawBaseUrl: raw.baseUrl, databaseUrl: db.url, senders, listeners, group, rawGroupId: rawGroup.id,
          blobB64, withPgbench: true, label: '', goalRatio: 0.75,
        });
      });
    }

    const wantsHistoryGroup = ['history', 'client', 'signin'].some((name) => options.sections.has(name as Section));
    if (wantsHistoryGroup) {
      // The reader signs up through the real client, passphrase and Argon2id included.
      const reader = await TeamChatClient.signUp(server.baseUrl, 'reader', READER_PASSPHRASE, new MemorySecretStore());
      const readerUser: BenchUser = {
        username: 'reader', identity: reader.account.identity, authKeyB64: '', token: reader.account.session.accessToken,
      };
      await reader.disconnect();
      const group = await createGroup(server.baseUrl, owner, 'history bench');
      const senders = users.slice(0, HISTORY_SENDERS);
      await addMembers(server.baseUrl, owner, group, [...senders, readerUser]);
      process.stderr.write(`bench: seeding ${options.historySize} messages...\n`);
      await seedMessages(server.baseUrl, group, senders, options.historySize);

      if (options.sections.has('history')) {
        await record('history', () => benchHistory({
          options, baseUrl: server.baseUrl, rawBaseUrl: raw.baseUrl, databaseUrl: db.url, reader: owner, group, rawGroupId: group.id,
          messageCount: options.historySize, label: '', goalRatio: 0.75,
        }));
      }
      if (options.sections.has('client')) {
        await record('client', () => benchClient({ baseUrl: server.baseUrl, account: reader.account, group, messageCount: options.historySize }));
      }
      if (options.sections.has('signin')) {
        await record('signin', async () => {
          const signinGroup = await createGroup(server.baseUrl, owner, 'sign-in bench');
          await addMembers(server.baseUrl, owner, signinGroup, [readerUser]);
          return benchSignin({ baseUrl: server.baseUrl, username: 'reader', passphrase: READER_PASSPHRASE, group: signinGroup });
        });
      }
    }

    if (options.sections.has('threads')) {
      await record('threads', () => benchThreads({ options, baseUrl: server.baseUrl, owner, senders: users.slice(0, HISTORY_SENDERS) }));
    }

    if (options.sections.has('fanout')) {
      await record('fanout', () => benchFanout(options, server.baseUrl, db.url, jwtSecret, owner, users.slice(0, options.subscribers), blobB64));
    }
  } finally {
    // BENCH_SERVER_LOG=1 shows what the server said, for a section that failed.
    if (process.env.BENCH_SERVER_LOG) process.stderr.write(`--- server log ---\n${serverLog()}\n`);
    for (const stop of stops) await stop().catch((error: unknown) => process.stderr.write(`bench: cleanup: ${String(error)}\n`));
  }
}

async function benchFanout(
  options: BenchOptions, baseUrl: string, databaseUrl: string, jwtSecret: string, owner: BenchUser, subscribers: BenchUser[], blobB64: string,
): Promise<SectionResult> {
  const group = await createGroup(baseUrl, owner, 'fan-out bench');
  await addMembers(baseUrl, owner, group, subscribers);
  const messages = options.fanoutMessages;

  const bare = await startBareWsServer();
  const bareSwarm = new SubscriberSwarm();
  let bareRun;
  try {
    await bareSwarm.connectBare(`${bare.baseUrl.replace(/^http/, 'ws')}/events`, subscribers.length);
    bareRun = await timeFanout({ baseUrl: bare.baseUrl, path: `/groups/${group.id}/messages`, headers: { 'x-sender': owner.username }, swarm: bareSwarm }, messages, blobB64);
  } finally {
    await bareSwarm.close();
    await bare.child.stop();
  }

  const swarm = new SubscriberSwarm();
  let single;
  try {
    await swarm.connectTeamChat(baseUrl, subscribers.map((u) => u.token));
    single = await timeFanout(teamchatTarget(baseUrl, owner, group, swarm), messages, blobB64);
  } finally {
    await swarm.close();
  }

  // Half the subscribers on a second process: their copy travels through LISTEN/NOTIFY.
  const second = await startTeamChatServer({ databaseUrl, jwtSecret, nodeArgs: profileArgs('server-b') });
  const split = new SubscriberSwarm();
  let two;
  try {
    const half = Math.floor(subscribers.length / 2);
    await split.connectTeamChat(baseUrl, subscribers.slice(0, half).map((u) => u.token));
    await split.connectTeamChat(second.baseUrl, subscribers.slice(half).map((u) => u.token));
    two = await timeFanout(teamchatTarget(baseUrl, owner, group, split), messages, blobB64);
  } finally {
    await split.close();
    await second.stop();
  }

  const r = ratio(single.p99_ms, bareRun.p99_ms);
  const r2 = ratio(two.p99_ms, bareRun.p99_ms);
  const n = subscribers.length;
  return {
    figures: {
      fanout: {
        p50_ms: single.p50_ms, p99_ms: single.p99_ms, ratio_vs_raw_ws: r, subscribers: n, messages,
        raw_ws: { p50_ms: bareRun.p50_ms, p99_ms: bareRun.p99_ms },
        two_processes: { p50_ms: two.p50_ms, p99_ms: two.p99_ms, ratio_vs_raw_ws: r2 },
      },
    },
    rows: [
      {
        figure: `Fan-out to ${n} sockets, send to last receipt: p50 / p99`, teamchat: `${fmt.ms(single.p50_ms)} / ${fmt.ms(single.p99_ms)}`,
        ceiling: `bare ws ${fmt.ms(bareRun.p50_ms)} / ${fmt.ms(bareRun.p99_ms)}`, ratio: fmt.ratio(r, r <= 2), goal: 'p99 ≤ 2× bare',
      },
      {
        figure: `Fan-out, ${n} sockets over 2 processes (LISTEN/NOTIFY): p50 / p99`, teamchat: `${fmt.ms(two.p50_ms)} / ${fmt.ms(two.p99_ms)}`,
        ceiling: `bare ws ${fmt.ms(bareRun.p50_ms)} / ${fmt.ms(bareRun.p99_ms)}`, ratio: fmt.ratio(r2), goal: '',
      },
    ],
  };
}

/** BENCH_PROFILE_DIR=<dir> makes the server processes write V8 CPU profiles there. */
export function profileArgs(name: string): string[] {
  const dir = process.env.BENCH_PROFILE_DIR;
  // One folder per process: each thread (tsx runs a loader thread) writes its own file.
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(dir, name)}`] : [];
}
