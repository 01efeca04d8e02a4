import pg from 'pg';
import type { BenchOptions } from '../support/args';
import type { BenchGroup, BenchUser } from '../support/api';
import { httpContender, runInterleaved, type Contender, type LoadResult } from '../support/http-load';
import { fmt, type SectionResult } from '../support/report';
import { ratio } from '../support/stats';
import { HISTORY_SQL } from '../baselines/raw-pg-sql';

export interface HistorySetup {
  options: BenchOptions;
  baseUrl: string;
  rawBaseUrl: string;
  /** For the direct pool loop; absent on the embedded database (one connection only). */
  databaseUrl?: string;
  reader: BenchUser;
  /** The group the raw route reads: the same one on PostgreSQL, its own copy on the embedded database. */
  rawGroupId: string;
  /** A group holding `messageCount` messages. */
  group: BenchGroup;
  messageCount: number;
  label: string;
  /** The share of the raw route's rate TeamChat must reach (issue 18: 0.75 on PostgreSQL). */
  goalRatio: number;
}

export const PAGE = 50;

/** Pages spread over the whole history, the same sequence for TeamChat and the raw route. */
function beforeFor(lane: number, n: number, count: number): number {
  const span = Math.max(1, count - PAGE);
  return PAGE + 1 + ((lane * 7919 + n * 104_729) % span);
}

export async function benchHistory(s: HistorySetup): Promise<SectionResult> {
  const { options } = s;
  const loop = { concurrency: options.concurrency, durationS: options.durationS, warmupS: options.warmupS, sliceS: options.sliceS };
  const contenders: Contender[] = [
    httpContender('raw pg route', s.rawBaseUrl, options.concurrency, 200, (lane, n) => ({
      method: 'GET', path: `/groups/${s.rawGroupId}/messages?before=${beforeFor(lane, n, s.messageCount)}&limit=${PAGE}`,
    })),
  ];
  let pool: pg.Pool | undefined;
  if (s.databaseUrl) {
    const directPool = new pg.Pool({ connectionString: s.databaseUrl, max: 10 });
    pool = directPool;
    contenders.push({
      name: 'pg pool',
      task: async (lane, n) => {
        await directPool.query(HISTORY_SQL, [s.rawGroupId, beforeFor(lane, n, s.messageCount), PAGE + 1]);
      },
    });
  }
  const headers = { authorization: `Bearer ${s.reader.token}` };
  contenders.push(httpContender('TeamChat history', s.baseUrl, options.concurrency, 200, (lane, n) => ({
    method: 'GET', path: `/api/groups/${s.group.id}/messages?before=${beforeFor(lane, n, s.messageCount)}&limit=${PAGE}`, headers,
  })));
  let results: LoadResult[];
  try {
    results = await runInterleaved(loop, contenders);
  } finally {
    await pool?.end();
  }
  const raw = results[0] as LoadResult;
  const teamchat = results[results.length - 1] as LoadResult;
  const direct = pool ? (results[1] as LoadResult) : null;
  const r = ratio(teamchat.rps, raw.rps);
  const where = s.label ? ` (${s.label})` : '';
  return {
    figures: {
      history: {
        rps: teamchat.rps, p50_ms: teamchat.p50_ms, p99_ms: teamchat.p99_ms, errors: teamchat.errors,
        ratio_vs_raw_pg: r, goal_ratio_vs_raw_pg: s.goalRatio, meets_goal: r >= s.goalRatio, page: PAGE, messages_in_group: s.messageCount,
        ...(direct ? { ratio_vs_raw_pg_pool: ratio(teamchat.rps, direct.rps) } : {}),
        raw_pg: { rps: raw.rps, p50_ms: raw.p50_ms, p99_ms: raw.p99_ms, errors: raw.errors },
        ...(direct ? { raw_pg_pool: { rps: direct.rps, p50_ms: direct.p50_ms, p99_ms: direct.p99_ms, errors: direct.errors } } : {}),
      },
    },
    rows: [
      {
        figure: `History pages of ${PAGE}${where}: req/s`, teamchat: fmt.rps(teamchat.rps), ceiling: `raw pg route ${fmt.rps(raw.rps)}`,
        ratio: fmt.ratio(r, r >= s.goalRatio), goal: `≥ ${s.goalRatio}`,
      },
      {
        figure: `History${where}: p50 / p99 latency`, teamchat: `${fmt.ms(teamchat.p50_ms)} / ${fmt.ms(teamchat.p99_ms)}`,
        ceiling: `raw pg route ${fmt.ms(raw.p50_ms)} / ${fmt.ms(raw.p99_ms)}`, ratio: fmt.ratio(ratio(teamchat.p99_ms, raw.p99_ms)), goal: '',
      },
      ...(direct ? [{
        figure: `History${where}: vs direct pool query`, teamchat: fmt.rps(teamchat.rps), ceiling: `pg pool, no HTTP ${fmt.rps(direct.rps)}`,
        ratio: fmt.ratio(ratio(teamchat.rps, direct.rps)), goal: '',
      }] : []),
    ],
    notes: [teamchat, raw, direct].filter((x): x is LoadResult => Boolean(x?.errors)).map((x) => `history: ${x.errors} failed; first: ${x.firstError}`),
  };
}
