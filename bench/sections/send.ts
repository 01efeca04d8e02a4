import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { BenchOptions } from '../support/args';
import type { BenchGroup, BenchUser } from '../support/api';
import { httpContender, runInterleaved, type Contender, type LoadResult } from '../support/http-load';
import { fmt, type SectionResult } from '../support/report';
import { ratio } from '../support/stats';
import { SubscriberSwarm } from '../support/subscribers';
import { INSERT_SQL } from '../baselines/raw-pg-sql';
import { findPgbench, pgbenchInsertRate, type PgbenchResult } from '../baselines/pgbench';

export interface SendSetup {
  options: BenchOptions;
  baseUrl: string;
  rawBaseUrl: string;
  /** For the direct pool loop and pgbench; absent on the embedded database (one connection only). */
  databaseUrl?: string;
  /** One member per concurrent sender. */
  senders: readonly BenchUser[];
  /** Members who keep an event socket open during the run, so every send fans out. */
  listeners: readonly BenchUser[];
  group: BenchGroup;
  /** A second group for the raw baselines, so their rows do not shift TeamChat's seqs. */
  rawGroupId: string;
  /** Who the raw route stores as sender (a user row in the raw route's database). */
  rawSender?: string;
  blobB64: string;
  /** Whether to run pgbench (PostgreSQL only). */
  withPgbench: boolean;
  label: string;
  /** The share of the raw route's rate TeamChat must reach (issue 18: 0.75 on PostgreSQL, 0.5 embedded). */
  goalRatio: number;
}

/** 32 hex characters, unique per run, lane and request, without a random call in the hot loop. */
export function msgIdFor(runTag: string, lane: number, n: number): string {
  return runTag + lane.toString(16).padStart(6, '0') + n.toString(16).padStart(18, '0');
}

export async function benchSend(s: SendSetup): Promise<SectionResult> {
  const { options } = s;
  const loop = { concurrency: options.concurrency, durationS: options.durationS, warmupS: options.warmupS, sliceS: options.sliceS };
  const body = (runTag: string, lane: number, n: number) =>
    JSON.stringify({ msgId: msgIdFor(runTag, lane, n), generation: 1, encryptedBlobB64: s.blobB64 });

  const rawTag = randomBytes(4).toString('hex');
  const contenders: Contender[] = [
    httpContender('raw pg route', s.rawBaseUrl, options.concurrency, 201, (lane, n) => ({
      method: 'POST', path: `/groups/${s.rawGroupId}/messages`,
      headers: { 'x-sender': s.rawSender ?? s.senders[lane % s.senders.length]!.username }, body: body(rawTag, lane, n),
    })),
  ];
  const blob = Buffer.from(s.blobB64, 'base64');
  let pool: pg.Pool | undefined;
  if (s.databaseUrl) {
    const directPool = new pg.Pool({ connectionString: s.databaseUrl, max: 10 });
    pool = directPool;
    const poolTag = randomBytes(4).toString('hex');
    contenders.push({
      name: 'pg pool',
      task: async (lane, n) => {
        await directPool.query(INSERT_SQL, [s.rawGroupId, msgIdFor(poolTag, lane, n), s.senders[lane % s.senders.length]!.username, 1, blob]);
      },
    });
  }
  const tag = randomBytes(4).toString('hex');
  contenders.push(httpContender('TeamChat send', s.baseUrl, options.concurrency, 201, (lane, n) => {
    const sender = s.senders[lane % s.senders.length]!;
    return {
      method: 'POST', path: `/api/groups/${s.group.id}/messages`,
      headers: { authorization: `Bearer ${sender.token}` }, body: body(tag, lane, n),
    };
  }));

  const swarm = new SubscriberSwarm();
  let results: LoadResult[];
  try {
    await swarm.connectTeamChat(s.baseUrl, s.listeners.map((u) => u.token));
    results = await runInterleaved(loop, contenders);
  } finally {
    await swarm.close();
    await pool?.end();
  }
  const raw = results[0] as LoadResult;
  const teamchat = results[results.length - 1] as LoadResult;
  const direct = pool ? (results[1] as LoadResult) : null;

  let pgbench: PgbenchResult | null = null;
  const pgbenchPath = s.withPgbench && s.databaseUrl ? findPgbench() : null;
  if (pgbenchPath && s.databaseUrl) pgbench = await pgbenchInsertRate(pgbenchPath, s.databaseUrl, options.concurrency, options.durationS, blob.byteLength);

  const ratioVsRaw = ratio(teamchat.rps, raw.rps);
  const figures = {
    send: {
      rps: teamchat.rps, p50_ms: teamchat.p50_ms, p99_ms: teamchat.p99_ms, errors: teamchat.errors,
      ratio_vs_raw_pg: ratioVsRaw, goal_ratio_vs_raw_pg: s.goalRatio, meets_goal: ratioVsRaw >= s.goalRatio,
      ...(direct ? { ratio_vs_raw_pg_pool: ratio(teamchat.rps, direct.rps) } : {}),
      ...(pgbench ? { ratio_vs_pgbench: ratio(teamchat.rps, pgbench.tps) } : {}),
      concurrency: options.concurrency, duration_s: options.durationS, listeners: s.listeners.length,
      raw_pg: { rps: raw.rps, p50_ms: raw.p50_ms, p99_ms: raw.p99_ms, errors: raw.errors },
      ...(direct ? { raw_pg_pool: { rps: direct.rps, p50_ms: direct.p50_ms, p99_ms: direct.p99_ms, errors: direct.errors } } : {}),
      ...(pgbench ? { pgbench_insert_tps: pgbench.tps, pgbench_latency_avg_ms: pgbench.latency_avg_ms } : {}),
    },
  };
  const where = s.label ? ` (${s.label})` : '';
  const rows = [
    {
      figure: `Send, ${options.concurrency} senders${where}: msgs/s`, teamchat: fmt.rps(teamchat.rps),
      ceiling: `raw pg route ${fmt.rps(raw.rps)}`, ratio: fmt.ratio(ratioVsRaw, ratioVsRaw >= s.goalRatio), goal: `≥ ${s.goalRatio}`,
    },
    {
      figure: `Send${where}: p50 / p99 latency`, teamchat: `${fmt.ms(teamchat.p50_ms)} / ${fmt.ms(teamchat.p99_ms)}`,
      ceiling: `raw pg route ${fmt.ms(raw.p50_ms)} / ${fmt.ms(raw.p99_ms)}`, ratio: fmt.ratio(ratio(teamchat.p99_ms, raw.p99_ms)), goal: '',
    },
  ];
  if (direct) {
    rows.push({
      figure: `Send${where}: vs direct pool inserts`, teamchat: fmt.rps(teamchat.rps),
      ceiling: `pg pool, no HTTP ${fmt.rps(direct.rps)}`, ratio: fmt.ratio(ratio(teamchat.rps, direct.rps)), goal: '',
    });
  }
  if (pgbench) {
    rows.push({
      figure: `Send${where}: vs pgbench single-row INSERT`, teamchat: fmt.rps(teamchat.rps),
      ceiling: `pgbench ${fmt.rps(pgbench.tps)}`, ratio: fmt.ratio(ratio(teamchat.rps, pgbench.tps)), goal: '',
    });
  }
  const notes: string[] = [];
  for (const [name, r] of [['TeamChat send', teamchat], ['raw pg route', raw], ['pg pool', direct]] as const) {
    if (r?.errors) notes.push(`${name}: ${r.errors} failed requests; first: ${r.firstError}`);
  }
  return { figures, rows, notes };
}
