import http from 'node:http';
import { percentile, round } from './stats';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  /** The first failure, for the report when errors > 0. */
  firstError?: string;
}

export interface TaskPlan {
  concurrency: number;
  durationS: number;
  warmupS: number;
  /** Contenders take turns in slices this long, so a load change on the machine hits them alike. */
  sliceS?: number;
}

/** One thing under load: `task(lane, n)` is request n of lane `lane`, awaited by its lane. */
export interface Contender {
  name: string;
  task: (lane: number, n: number) => Promise<void>;
  close?: () => void;
}

interface Answer {
  status: number;
  body: string;
}

function send(agent: http.Agent, url: URL, req: LoadRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(req.body);
    }
    const r = http.request({ agent, host: url.hostname, port: url.port, method: req.method, path: req.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end(req.body);
  });
}

/** An HTTP route under load over keep-alive connections, one per lane. */
export function httpContender(name: string, baseUrl: string, concurrency: number, expectStatus: number, request: (lane: number, n: number) => LoadRequest): Contender {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  return {
    name,
    async task(lane, n) {
      const req = request(lane, n);
      const answer = await send(agent, url, req);
      if (answer.status !== expectStatus) throw new Error(`${req.method} ${req.path} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
    },
    close: () => agent.destroy(),
  };
}

class Tally {
  latencies: number[] = [];
  errors = 0;
  elapsedMs = 0;
  firstError?: string;

  result(): LoadResult {
    return {
      requests: this.latencies.length,
      errors: this.errors,
      rps: round(this.latencies.length / (this.elapsedMs / 1000), 1),
      p50_ms: round(percentile(this.latencies, 50)),
      p99_ms: round(percentile(this.latencies, 99)),
      ...(this.firstError ? { firstError: this.firstError } : {}),
    };
  }
}

/** A closed loop: `concurrency` lanes, each starting its next task when the previous one is done. */
async function slice(concurrency: number, contender: Contender, counters: number[], ms: number, tally: Tally | null): Promise<void> {
  const started = performance.now();
  const deadline = started + ms;
  const lane = async (index: number) => {
    while (performance.now() < deadline) {
      const n = counters[index] as number;
      counters[index] = n + 1;
      const t0 = performance.now();
      try {
        await contender.task(index, n);
      } catch (error) {
        if (tally) {
          tally.errors += 1;
          tally.firstError ??= (error as Error).message;
        }
        continue;
      }
      tally?.latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => lane(i)));
  if (tally) tally.elapsedMs += performance.now() - started;
}

/**
 * Runs the contenders under the same closed-loop load, taking turns in short slices until
 * each has had `durationS` seconds, after a warm-up each that is not counted (JIT, pools,
 * caches). Interleaving keeps a ratio fair on a machine whose other load comes and goes.
 */
export async function runInterleaved(plan: TaskPlan, contenders: readonly Contender[]): Promise<LoadResult[]> {
  const counters = contenders.map(() => new Array<number>(plan.concurrency).fill(0));
  const tallies = contenders.map(() => new Tally());
  try {
    if (plan.warmupS > 0) {
      for (const [i, c] of contenders.entries()) await slice(plan.concurrency, c, counters[i]!, plan.warmupS * 1000, null);
    }
    const sliceMs = Math.min((plan.sliceS ?? 1) * 1000, plan.durationS * 1000);
    const rounds = Math.max(1, Math.round((plan.durationS * 1000) / sliceMs));
    for (let r = 0; r < rounds; r++) {
      for (const [i, c] of contenders.entries()) await slice(plan.concurrency, c, counters[i]!, sliceMs, tallies[i]!);
    }
  } finally {
    for (const c of contenders) c.close?.();
  }
  return tallies.map((t) => t.result());
}
