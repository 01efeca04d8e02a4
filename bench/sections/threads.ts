// A thread page by its tag beside a history page of the same group, in the same run: a group
// of --history-size messages where every 50th is a reply in one thread, so the thread's
// replies are spread over the whole table and its page walks the (group_id, thread_tag, seq)
// index, not a run of neighbouring rows. Also how many requests reading the thread takes with
// the tag and without it (the whole history, 200 a page).
import { randomBytes } from 'node:crypto';
import { HISTORY_PAGE_MAX } from '../../common/api';
import type { BenchOptions } from '../support/args';
import { addMembers, createGroup, type BenchUser } from '../support/api';
import { httpContender, runInterleaved, type LoadResult } from '../support/http-load';
import { fmt, type SectionResult } from '../support/report';
import { seedMessages } from '../support/seed';
import { ratio } from '../support/stats';

const PAGE = 50;
const EVERY = 50;

export interface ThreadsSetup {
  options: BenchOptions;
  baseUrl: string;
  owner: BenchUser;
  senders: BenchUser[];
}

export async function benchThreads(s: ThreadsSetup): Promise<SectionResult> {
  const { options } = s;
  const count = options.historySize;
  const group = await createGroup(s.baseUrl, s.owner, 'threads bench');
  await addMembers(s.baseUrl, s.owner, group, s.senders);
  // Opaque to the server whatever it is: a random tag stands for HMAC(root's msgId).
  const tag = randomBytes(32).toString('hex');
  process.stderr.write(`bench: seeding ${count} messages, every ${EVERY}th in one thread...\n`);
  await seedMessages(s.baseUrl, group, s.senders, count, 8, (n) => (n % EVERY === EVERY - 1 ? { threadTag: tag } : {}));
  const replies = Math.floor(count / EVERY);
  // Seeding runs 8 sends at a time, so message n has about seq n + 1: reply k is near seq (k + 1) * EVERY.
  const replySeq = (k: number) => k * EVERY + EVERY;
  const span = Math.max(1, replies - PAGE);
  const threadBefore = (lane: number, n: number) => replySeq(PAGE + ((lane * 7919 + n * 104_729) % span));
  const historyBefore = (lane: number, n: number) => PAGE + 1 + ((lane * 7919 + n * 104_729) % Math.max(1, count - PAGE));
  const headers = { authorization: `Bearer ${s.owner.token}` };
  const loop = { concurrency: options.concurrency, durationS: options.durationS, warmupS: options.warmupS, sliceS: options.sliceS };
  const [history, thread] = (await runInterleaved(loop, [
    httpContender('TeamChat history', s.baseUrl, options.concurrency, 200, (lane, n) => ({
      method: 'GET', path: `/api/groups/${group.id}/messages?before=${historyBefore(lane, n)}&limit=${PAGE}`, headers,
    })),
    httpContender('TeamChat thread', s.baseUrl, options.concurrency, 200, (lane, n) => ({
      method: 'GET', path: `/api/groups/${group.id}/messages?thread=${tag}&before=${threadBefore(lane, n)}&limit=${PAGE}`, headers,
    })),
  ])) as [LoadResult, LoadResult];
  const r = ratio(thread.rps, history.rps);
  const withTag = Math.ceil(replies / HISTORY_PAGE_MAX);
  const withoutTag = Math.ceil(count / HISTORY_PAGE_MAX);
  return {
    figures: {
      threads: {
        rps: thread.rps, p50_ms: thread.p50_ms, p99_ms: thread.p99_ms, errors: thread.errors,
        ratio_vs_history_page: r, page: PAGE, messages_in_group: count, replies_in_thread: replies,
        requests_to_read_thread_with_tag: withTag, requests_to_read_thread_without_tag: withoutTag,
        history: { rps: history.rps, p50_ms: history.p50_ms, p99_ms: history.p99_ms, errors: history.errors },
      },
    },
    rows: [
      {
        figure: `Thread pages of ${PAGE} by tag (${replies} replies among ${count.toLocaleString('en-US')} messages): req/s`,
        teamchat: fmt.rps(thread.rps), ceiling: `history page ${fmt.rps(history.rps)}`, ratio: fmt.ratio(r, r >= 0.5), goal: '≥ 0.5',
      },
      {
        figure: 'Requests to read a whole thread: by tag / through the history', teamchat: String(withTag), ceiling: String(withoutTag),
        ratio: fmt.ratio(withTag / withoutTag), goal: 'fewer by tag',
      },
    ],
  };
}
