// The reconnect storm: the server dies while messages are being sent, comes back, and every
// client reconnects at once (backoff as client/events has it) and catches up. It has settled
// when every client is signed in again and holds, contiguous, every message the server
// acknowledged; a client still missing one when the time is up has lost it.
import type { PostReport } from './poster';
import type { Poster, Swarm } from './swarm';
import type { ProgressReport } from './swarm-protocol';

export interface StormSetup {
  swarm: Swarm;
  poster: Poster;
  urls: string[];
  token: string;
  groups: string[];
  blobB64: string;
  tag: string;
  /** Heads from before the storm (messages already delivered). */
  heads: Record<string, number>;
  /** Kills the server; then starts it again on the same port and resolves once it answers. */
  kill(): Promise<void>;
  start(): Promise<void>;
  postsPerSecond: number;
  /** Seconds of posting before the kill; posting goes on as long again after the restart. */
  postSeconds: number;
  settleLimitS: number;
}

export interface StormResult {
  clients: number;
  acknowledged: number;
  retries: number;
  /** Posts never acknowledged within the poster's patience (not counted as sent). */
  unacknowledged: number;
  downMs: number;
  /** From the restarted server answering until every client was signed in again. */
  reconnectedMs: number;
  /** From the restarted server answering until every client held every acknowledged message. */
  settledMs: number;
  settled: boolean;
  /** Clients missing at least one acknowledged message when the time was up. */
  clientsMissingMessages: number;
  progress: ProgressReport;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function mergeHeads(into: Record<string, number>, from: Record<string, number>): Record<string, number> {
  for (const [group, seq] of Object.entries(from)) into[group] = Math.max(into[group] ?? 0, seq);
  return into;
}

export async function reconnectStorm(s: StormSetup): Promise<StormResult> {
  const posting: Promise<PostReport> = s.poster.post({
    urls: s.urls, token: s.token, groups: s.groups, perSecond: s.postsPerSecond, seconds: s.postSeconds * 2, tag: s.tag, blobB64: s.blobB64,
  });
  await sleep(s.postSeconds * 1000);
  const downAt = performance.now();
  await s.kill();
  await s.start();
  const upAt = performance.now();
  const deadline = upAt + s.settleLimitS * 1000;
  let reconnectedMs = Number.NaN;
  let report: PostReport | undefined;
  void posting.then((r) => { report = r; });
  let progress: ProgressReport;
  for (;;) {
    const heads = report ? mergeHeads({ ...s.heads }, report.heads) : s.heads;
    progress = await s.swarm.progress(heads);
    const now = performance.now();
    if (Number.isNaN(reconnectedMs) && progress.ready === progress.clients) reconnectedMs = now - upAt;
    if (report && progress.caughtUp === progress.clients) break;
    if (now > deadline && report) break;
    await sleep(250);
  }
  const settledMs = performance.now() - upAt;
  const final = report as PostReport;
  return {
    clients: progress.clients,
    acknowledged: final.acknowledged,
    retries: final.retries,
    unacknowledged: final.lost,
    downMs: upAt - downAt,
    reconnectedMs,
    settledMs,
    settled: progress.caughtUp === progress.clients && settledMs <= s.settleLimitS * 1000,
    clientsMissingMessages: progress.clients - progress.caughtUp,
    progress,
  };
}
