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
  /** The first unexpected answer, for the report when errors > 0. */
  firstError?: string;
}

export interface LoadPlan {
  baseUrl: string;
  concurrency: number;
  durationS: number;
  warmupS: number;
  /** Builds request number `n` of lane `lane`; called in the hot loop, so keep it cheap. */
  request: (lane: number, n: number) => LoadRequest;
  expectStatus: number;
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

/**
 * A closed loop: `concurrency` lanes, each sending its next request as soon as the previous
 * answer has been read, over keep-alive connections (one per lane). The warm-up is run and
 * thrown away, so JIT, pools and caches are warm when the clock starts.
 */
export async function runClosedLoop(plan: LoadPlan): Promise<LoadResult> {
  const url = new URL(plan.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.concurrency });
  try {
    return await runClosedLoopTasks(plan, async (lane, n) => {
      const request = plan.request(lane, n);
      const answer = await send(agent, url, request);
      if (answer.status !== plan.expectStatus) {
        throw new Error(`${request.method} ${request.path} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
      }
    });
  } finally {
    agent.destroy();
  }
}

export interface TaskPlan {
  concurrency: number;
  durationS: number;
  warmupS: number;
}

/** The same closed loop over any async task (a direct database query, say). */
export async function runClosedLoopTasks(plan: TaskPlan, task: (lane: number, n: number) => Promise<void>): Promise<LoadResult> {
  const counters = new Array<number>(plan.concurrency).fill(0);
  if (plan.warmupS > 0) await phase(plan.concurrency, task, counters, plan.warmupS * 1000);
  return phase(plan.concurrency, task, counters, plan.durationS * 1000);
}

async function phase(concurrency: number, task: (lane: number, n: number) => Promise<void>, counters: number[], ms: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + ms;
  const lane = async (index: number) => {
    while (performance.now() < deadline) {
      const n = counters[index] as number;
      counters[index] = n + 1;
      const t0 = performance.now();
      try {
        await task(index, n);
      } catch (error) {
        errors += 1;
        firstError ??= (error as Error).message;
        continue;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => lane(i)));
  const elapsedS = (performance.now() - started) / 1000;
  return {
    requests: latencies.length,
    errors,
    rps: round(latencies.length / elapsedS, 1),
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    ...(firstError ? { firstError } : {}),
  };
}
