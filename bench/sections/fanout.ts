import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { BenchGroup, BenchUser } from '../support/api';
import { percentile, round } from '../support/stats';
import type { SubscriberSwarm } from '../support/subscribers';
import { msgIdFor } from './send';

export interface FanoutRun {
  p50_ms: number;
  p99_ms: number;
  messages: number;
  subscribers: number;
}

export interface FanoutTarget {
  /** Where to POST: TeamChat's /api/groups/{id}/messages or the bare server's route. */
  baseUrl: string;
  path: string;
  headers: Record<string, string>;
  swarm: SubscriberSwarm;
}

const WARMUP_MESSAGES = 20;

function post(agent: http.Agent, baseUrl: string, path: string, headers: Record<string, string>, body: string): Promise<number> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({
      agent, host: url.hostname, port: url.port, method: 'POST', path,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * One message at a time: the clock runs from the send until the last subscriber has
 * the message (and the sender has its 201), so queues never build up between messages.
 */
export async function timeFanout(target: FanoutTarget, messages: number, blobB64: string): Promise<FanoutRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const tag = randomBytes(4).toString('hex');
  const latencies: number[] = [];
  try {
    for (let n = 0; n < WARMUP_MESSAGES + messages; n++) {
      const msgId = msgIdFor(tag, 0, n);
      const body = JSON.stringify({ msgId, generation: 1, encryptedBlobB64: blobB64 });
      const received = target.swarm.expect(msgId);
      const t0 = performance.now();
      const status = await post(agent, target.baseUrl, target.path, target.headers, body);
      if (status !== 201) {
        target.swarm.forget(msgId);
        throw new Error(`POST ${target.path} answered ${status} during the fan-out run.`);
      }
      const lastAt = await withTimeout(received, 10_000, `Not every subscriber received message ${n} within 10 s.`);
      if (n >= WARMUP_MESSAGES) latencies.push(lastAt - t0);
    }
  } finally {
    agent.destroy();
  }
  return { p50_ms: round(percentile(latencies, 50)), p99_ms: round(percentile(latencies, 99)), messages, subscribers: target.swarm.size };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}

export function teamchatTarget(baseUrl: string, sender: BenchUser, group: BenchGroup, swarm: SubscriberSwarm): FanoutTarget {
  return { baseUrl, path: `/api/groups/${group.id}/messages`, headers: { authorization: `Bearer ${sender.token}` }, swarm };
}
