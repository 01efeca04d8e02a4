// A child process holding many signed-in event sockets, each a minimal client of
// docs/api.md's event stream: it authenticates with its first frame, answers the server's
// pings (ws does), sends its own heartbeat, parses every frame, keeps each group's seqs
// contiguous (dropping a seq it has, filling a gap by catch-up), and after every reconnect
// catches up each of its groups with GET ?after=<last seq>, as client/sync does. It does not
// decrypt: the server's work per socket is what is measured.
import http from 'node:http';
import WebSocket from 'ws';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../client/events/backoff';
import { msSinceSent } from './msg-clock';
import type { ProgressReport, ScaleClientSpec, SwarmAnswer, SwarmCommand } from './swarm-protocol';

const CATCH_UP_LANES = 8;
const PAGE = 200;

interface MessageFrame {
  type: string;
  groupId?: string;
  message?: { seq: number; msgId: string };
}

class GroupSeqs {
  /** The next seq this client expects. */
  next = 1;
  private readonly ahead = new Set<number>();

  /** False when the seq was had already. */
  take(seq: number): boolean {
    if (seq < this.next || this.ahead.has(seq)) return false;
    if (seq !== this.next) {
      this.ahead.add(seq);
      return true;
    }
    this.next += 1;
    while (this.ahead.delete(this.next)) this.next += 1;
    return true;
  }
}

const state = {
  tag: '',
  heartbeatMs: 20_000,
  mode: 'each' as 'each' | 'last',
  latencies: [] as number[],
  lastByMsgId: new Map<string, number>(),
  deliveries: 0,
  duplicates: 0,
  catchUpRequests: 0,
  catchUpFailures: 0,
  reconnects: 0,
  connectFailures: 0,
  closing: false,
};

const agent = new http.Agent({ keepAlive: true, maxSockets: CATCH_UP_LANES });
const catchUpQueue: (() => Promise<void>)[] = [];
let catchUpRunning = 0;

function runCatchUps(): void {
  while (catchUpRunning < CATCH_UP_LANES && catchUpQueue.length) {
    const job = catchUpQueue.shift() as () => Promise<void>;
    catchUpRunning += 1;
    void job().finally(() => {
      catchUpRunning -= 1;
      runCatchUps();
    });
  }
}

function getJson<T>(base: string, path: string, token: string): Promise<T> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`GET ${path} answered ${res.statusCode}`));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString()) as T);
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    req.setTimeout(30_000, () => req.destroy(new Error('catch-up timed out')));
    req.on('error', reject);
    req.end();
  });
}

class ScaleClient {
  private socket: WebSocket | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private heard = true;
  private attempt = 0;
  ready = false;
  /** Catch-ups still running since the last ready. */
  pending = 0;
  readonly seqs = new Map<string, GroupSeqs>();

  constructor(private readonly spec: ScaleClientSpec, private readonly base: string) {
    for (const group of spec.groups) this.seqs.set(group, new GroupSeqs());
  }

  /** Resolves at the first 'ready' (true) or at the first failure before it (false). */
  connect(firstTime: boolean): Promise<boolean> {
    return new Promise((resolve) => {
      let settled = false;
      const settle = (ok: boolean) => {
        if (settled) return;
        settled = true;
        resolve(ok);
      };
      const socket = new WebSocket(`${this.base.replace(/^http/, 'ws')}/api/events`, { handshakeTimeout: 30_000, perMessageDeflate: false });
      this.socket = socket;
      socket.on('open', () => {
        socket.send(JSON.stringify({ type: 'auth', token: this.spec.token }));
        this.startHeartbeat(socket);
      });
      socket.on('ping', () => { this.heard = true; });
      socket.on('message', (data) => {
        this.heard = true;
        let frame: MessageFrame;
        try {
          frame = JSON.parse(data.toString()) as MessageFrame;
        } catch {
          return;
        }
        if (frame.type === 'ready') {
          this.ready = true;
          this.attempt = 0;
          if (!firstTime) this.catchUp();
          firstTime = false;
          settle(true);
        } else if (frame.type === 'message' && frame.groupId && frame.message) {
          this.receive(frame.groupId, frame.message, true);
        }
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        if (!this.ready) state.connectFailures += 1;
        this.ready = false;
        clearInterval(this.heartbeat);
        if (socket !== this.socket) return;
        this.socket = undefined;
        settle(false);
        if (state.closing) return;
        state.reconnects += 1;
        const delay = backoffDelay(this.attempt, DEFAULT_BACKOFF);
        this.attempt += 1;
        setTimeout(() => void this.connect(false), delay);
      });
    });
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.socket?.terminate();
  }

  caughtUpTo(heads: Record<string, number>): boolean {
    if (!this.ready || this.pending > 0) return false;
    for (const [group, seqs] of this.seqs) if (seqs.next - 1 < (heads[group] ?? 0)) return false;
    return true;
  }

  private receive(groupId: string, message: { seq: number; msgId: string }, live: boolean): void {
    const seqs = this.seqs.get(groupId);
    if (!seqs) return;
    if (!seqs.take(message.seq)) {
      state.duplicates += 1;
      return;
    }
    if (!live) return;
    state.deliveries += 1;
    const ms = msSinceSent(message.msgId, state.tag);
    if (ms === undefined) return;
    if (state.mode === 'each') state.latencies.push(Math.round(ms * 100) / 100);
    else state.lastByMsgId.set(message.msgId, Math.max(ms, state.lastByMsgId.get(message.msgId) ?? 0));
  }

  private catchUp(): void {
    for (const [group, seqs] of this.seqs) {
      this.pending += 1;
      catchUpQueue.push(async () => {
        try {
          let hasMore = true;
          while (hasMore) {
            state.catchUpRequests += 1;
            const page = await getJson<{ messages: { seq: number; msgId: string }[]; hasMore: boolean }>(
              this.base, `/api/groups/${group}/messages?after=${seqs.next - 1}&limit=${PAGE}`, this.spec.token);
            for (const message of page.messages) this.receive(group, message, false);
            hasMore = page.hasMore;
          }
        } catch {
          state.catchUpFailures += 1;
          // The next reconnect, or the progress check, tries again.
          setTimeout(() => { if (this.ready) this.catchUp(); }, 1000);
        } finally {
          this.pending -= 1;
        }
      });
    }
    runCatchUps();
  }

  private startHeartbeat(socket: WebSocket): void {
    clearInterval(this.heartbeat);
    this.heard = true;
    // Started at each open, so a crowd that connected together beats together: as real clients do.
    this.heartbeat = setInterval(() => {
      if (!this.heard) return socket.terminate();
      this.heard = false;
      if (socket.readyState === WebSocket.OPEN) socket.send('{"type":"ping"}');
    }, state.heartbeatMs);
  }
}

let clients: ScaleClient[] = [];

function answer(message: SwarmAnswer): void {
  process.send?.(message);
}

async function connectAll(command: Extract<SwarmCommand, { type: 'connect' }>): Promise<void> {
  state.tag = command.tag;
  state.heartbeatMs = command.heartbeatMs;
  state.closing = false;
  clients = command.clients.map((spec, i) => new ScaleClient(spec, command.urls[i % command.urls.length] as string));
  const started = performance.now();
  let next = 0;
  let ready = 0;
  let failures = 0;
  await Promise.all(Array.from({ length: Math.min(command.width, clients.length) }, async () => {
    while (next < clients.length) {
      const client = clients[next++] as ScaleClient;
      if (await client.connect(true)) ready += 1;
      else failures += 1;
    }
  }));
  answer({ type: 'connected', ready, ms: performance.now() - started, failures });
}

function progress(heads: Record<string, number>): ProgressReport {
  let ready = 0;
  let caughtUp = 0;
  for (const client of clients) {
    if (client.ready) ready += 1;
    if (client.caughtUpTo(heads)) caughtUp += 1;
  }
  return {
    clients: clients.length, ready, caughtUp, duplicates: state.duplicates, catchUpRequests: state.catchUpRequests,
    catchUpFailures: state.catchUpFailures, reconnects: state.reconnects, connectFailures: state.connectFailures,
  };
}

process.on('message', (command: SwarmCommand) => {
  if (command.type === 'connect') void connectAll(command);
  else if (command.type === 'window') {
    state.mode = command.mode;
    state.latencies = [];
    state.lastByMsgId = new Map();
    state.deliveries = 0;
  } else if (command.type === 'report') {
    answer({ type: 'report', window: { deliveries: state.deliveries, latencies: state.latencies, lastByMsgId: Object.fromEntries(state.lastByMsgId) } });
  } else if (command.type === 'progress') {
    answer({ type: 'progress', progress: progress(command.heads) });
  } else {
    state.closing = true;
    for (const client of clients) client.close();
    clients = [];
    answer({ type: 'closed' });
  }
});
process.on('disconnect', () => process.exit(0));
