// The parent's handle on the load generators: several child processes, each holding a share
// of the clients (the server's CPU is then its own, and theirs is reported beside it).
import path from 'node:path';
import { startTsChild, type Child } from '../processes';
import type { PostCommand, PostReport } from './poster';
import type { ProgressReport, ScaleClientSpec, SwarmAnswer, SwarmCommand, WindowReport } from './swarm-protocol';

const WORKER = path.join(__dirname, 'swarm-worker.ts');
const POSTER = path.join(__dirname, 'poster.ts');

function ask<T extends SwarmAnswer['type']>(child: Child, command: SwarmCommand, answer: T, timeoutMs: number): Promise<Extract<SwarmAnswer, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.process.off('message', onMessage);
      reject(new Error(`A load generator did not answer "${command.type}" within ${timeoutMs / 1000} s:\n${child.output().slice(-1500)}`));
    }, timeoutMs);
    const onMessage = (message: SwarmAnswer) => {
      if (message.type !== answer) return;
      clearTimeout(timer);
      child.process.off('message', onMessage);
      resolve(message as Extract<SwarmAnswer, { type: T }>);
    };
    child.process.on('message', onMessage);
    child.process.send(command);
  });
}

export class Swarm {
  private constructor(readonly workers: Child[]) {}

  static start(processes: number): Swarm {
    return new Swarm(Array.from({ length: processes }, () => startTsChild(WORKER, [], {}, [], true)));
  }

  get pids(): number[] {
    return this.workers.map((w) => w.process.pid as number);
  }

  /** Connects every client, spread over the workers; resolves when all have answered. */
  async connect(urls: string[], clients: readonly ScaleClientSpec[], tag: string, heartbeatMs = 20_000, width = 32): Promise<{ ready: number; failures: number; ms: number }> {
    const started = performance.now();
    const shares = this.workers.map((_, w) => clients.filter((_, i) => i % this.workers.length === w));
    const answers = await Promise.all(this.workers.map((worker, w) =>
      ask(worker, { type: 'connect', urls, clients: shares[w] as ScaleClientSpec[], tag, heartbeatMs, width }, 'connected', 3_600_000)));
    return {
      ready: answers.reduce((n, a) => n + a.ready, 0),
      failures: answers.reduce((n, a) => n + a.failures, 0),
      ms: performance.now() - started,
    };
  }

  async window(mode: 'each' | 'last'): Promise<void> {
    for (const worker of this.workers) worker.process.send({ type: 'window', mode } satisfies SwarmCommand);
  }

  async report(): Promise<WindowReport[]> {
    return (await Promise.all(this.workers.map((w) => ask(w, { type: 'report' }, 'report', 60_000)))).map((a) => a.window);
  }

  async progress(heads: Record<string, number>): Promise<ProgressReport> {
    const all = (await Promise.all(this.workers.map((w) => ask(w, { type: 'progress', heads }, 'progress', 60_000)))).map((a) => a.progress);
    const sum = (key: keyof ProgressReport) => all.reduce((n, p) => n + p[key], 0);
    return {
      clients: sum('clients'), ready: sum('ready'), caughtUp: sum('caughtUp'), duplicates: sum('duplicates'),
      catchUpRequests: sum('catchUpRequests'), catchUpFailures: sum('catchUpFailures'), reconnects: sum('reconnects'),
      connectFailures: sum('connectFailures'),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => ask(w, { type: 'close' }, 'closed', 60_000).catch(() => undefined)));
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
  }
}

export class Poster {
  readonly child = startTsChild(POSTER, [], {}, [], true);

  get pid(): number {
    return this.child.process.pid as number;
  }

  post(command: Omit<PostCommand, 'type'>): Promise<PostReport> {
    return new Promise((resolve) => {
      this.child.process.once('message', (report: PostReport) => resolve(report));
      this.child.process.send({ type: 'post', ...command } satisfies PostCommand);
    });
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}
