import WebSocket from 'ws';
import {
  decryptGroupMessage,
  encryptGroupMessage,
  newMsgId,
  type Identity,
} from '../../../common/crypto';
import { call, type ApiAnswer, type Method } from '../support/api';
import type { Acknowledged, SeenMessage } from './ledger';

export interface MessageView {
  seq: number;
  msgId: string;
  sender: string;
  generation: number;
  encryptedBlobB64: string;
  createdAt: string;
}

export interface GroupSecret {
  groupId: string;
  generation: number;
  groupKey: Uint8Array;
}

export interface LoadClientOptions {
  username: string;
  token: string;
  identity: Identity;
  httpUrl: string;
  wsUrl: string;
  /** Public signing keys of everyone, to verify what arrives. */
  signingKeys: ReadonlyMap<string, Uint8Array>;
  heartbeatMs: number;
  heartbeatTimeoutMs: number;
}

export interface ClientStats {
  posted: number;
  retries: number;
  status503: number;
  networkErrors: number;
  reconnects: number;
  heartbeatTimeouts: number;
  lateArrivals: number;
  /** The same seq pushed twice on one connection: a server-side duplicate. */
  duplicateDeliveries: number;
  undecryptable: number;
  unexpected: string[];
}

class StopRequested extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One simulated member over raw HTTP and WebSocket with real crypto: it posts signed,
 * encrypted messages, retries through faults with the same msgId (the idempotency key),
 * keeps a live stream with a heartbeat, reconnects and catches up after any break.
 */
export class LoadClient {
  readonly stats: ClientStats = {
    posted: 0, retries: 0, status503: 0, networkErrors: 0, reconnects: 0, heartbeatTimeouts: 0, lateArrivals: 0, duplicateDeliveries: 0, undecryptable: 0, unexpected: [],
  };
  /** What arrived per group, live or by catch-up, in arrival order. */
  readonly stream = new Map<string, SeenMessage[]>();
  private readonly seenSeqs = new Map<string, Set<number>>();
  private readonly lastSeq = new Map<string, number>();
  private readonly groups = new Map<string, GroupSecret>();
  private socket: WebSocket | null = null;
  private closed = false;
  private connecting: Promise<void> | null = null;
  readyCount = 0;

  constructor(private readonly options: LoadClientOptions) {}

  get username(): string {
    return this.options.username;
  }

  joinGroup(secret: GroupSecret): void {
    this.groups.set(secret.groupId, secret);
    this.stream.set(secret.groupId, []);
    this.seenSeqs.set(secret.groupId, new Set());
    this.lastSeq.set(secret.groupId, 0);
  }

  groupIds(): string[] {
    return [...this.groups.keys()];
  }

  /** Opens the live stream; resolves after the first ready and catch-up. */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.closed = true;
    this.socket?.terminate();
    this.socket = null;
  }

  /** An HTTP call that survives faults: retries network errors and 503s until `deadline`. */
  async request(method: Method, path: string, body: unknown, deadline: number): Promise<ApiAnswer> {
    let delay = 100;
    for (;;) {
      try {
        const answer = await call(this.options.httpUrl, method, path, {
          token: this.options.token, body, signal: AbortSignal.timeout(10_000),
        });
        if (answer.status !== 503) return answer;
        this.stats.status503 += 1;
      } catch {
        this.stats.networkErrors += 1;
      }
      if (Date.now() > deadline) throw new StopRequested(`${method} ${path} still failing at the deadline`);
      this.stats.retries += 1;
      await sleep(delay);
      delay = Math.min(delay * 2, 1500);
    }
  }

  /** Sends one message and retries it until the server acknowledges it. */
  async post(groupId: string, body: string, senderIndex: number, deadline: number): Promise<Acknowledged> {
    const group = this.groups.get(groupId);
    if (!group) throw new Error(`${this.username} is not in group ${groupId}`);
    const msgId = newMsgId();
    const envelope = { v: 1 as const, kind: 'text' as const, body, sentAt: new Date().toISOString() };
    const ctx = { groupId, generation: group.generation, sender: this.username, msgId };
    const encryptedBlobB64 = encryptGroupMessage(envelope, ctx, group.groupKey, this.options.identity.signingPrivateKey);
    const answer = await this.request('POST', `/api/groups/${groupId}/messages`,
      { msgId, generation: group.generation, encryptedBlobB64 }, deadline);
    if (answer.status !== 201 && answer.status !== 200) {
      throw new Error(`${this.username} posting to ${groupId}: ${answer.status} ${answer.text.slice(0, 200)}`);
    }
    const stored = answer.json as MessageView;
    if (stored.msgId !== msgId || stored.sender !== this.username || typeof stored.seq !== 'number') {
      throw new Error(`${this.username} got a wrong acknowledgement: ${answer.text.slice(0, 200)}`);
    }
    this.stats.posted += 1;
    return { groupId, msgId, seq: stored.seq, sender: this.username, senderIndex };
  }

  /** Reads a page the way a member scrolling back would; checks what it gets decrypts. */
  async readNewestPage(groupId: string, deadline: number): Promise<void> {
    const answer = await this.request('GET', `/api/groups/${groupId}/messages?limit=20`, undefined, deadline);
    if (answer.status !== 200) throw new Error(`${this.username} reading ${groupId}: ${answer.status} ${answer.text.slice(0, 200)}`);
    for (const message of (answer.json as { messages: MessageView[] }).messages) this.verify(groupId, message);
  }

  /** The whole history of a group, oldest first, paged by `after` (keyset). */
  async history(groupId: string, deadline: number): Promise<SeenMessage[]> {
    const all: SeenMessage[] = [];
    let after = 0;
    for (;;) {
      const answer = await this.request('GET', `/api/groups/${groupId}/messages?after=${after}&limit=200`, undefined, deadline);
      if (answer.status !== 200) throw new Error(`${this.username} history of ${groupId}: ${answer.status} ${answer.text.slice(0, 200)}`);
      const page = answer.json as { messages: MessageView[]; hasMore: boolean };
      for (const message of page.messages) {
        this.verify(groupId, message);
        all.push({ seq: message.seq, msgId: message.msgId, sender: message.sender });
      }
      const last = page.messages.at(-1);
      if (!page.hasMore || !last) return all;
      after = last.seq;
    }
  }

  lastSeqOf(groupId: string): number {
    return this.lastSeq.get(groupId) ?? 0;
  }

  private verify(groupId: string, message: MessageView): boolean {
    const group = this.groups.get(groupId);
    const signingKey = this.options.signingKeys.get(message.sender);
    try {
      if (!group || !signingKey || group.generation !== message.generation) throw new Error('no key for this message');
      const envelope = decryptGroupMessage(message.encryptedBlobB64,
        { groupId, generation: message.generation, sender: message.sender, msgId: message.msgId }, group.groupKey, signingKey);
      if (envelope.kind !== 'text') throw new Error('unexpected envelope kind');
      return true;
    } catch {
      this.stats.undecryptable += 1;
      this.note(`message ${message.msgId} in ${groupId} did not decrypt or verify`);
      return false;
    }
  }

  private note(problem: string): void {
    if (this.stats.unexpected.length < 10) this.stats.unexpected.push(problem);
  }

  private accept(groupId: string, message: MessageView): void {
    const seen = this.seenSeqs.get(groupId);
    if (!seen) return;
    if (seen.has(message.seq)) return;
    if (message.seq < this.lastSeqOf(groupId)) this.stats.lateArrivals += 1;
    this.verify(groupId, message);
    seen.add(message.seq);
    this.stream.get(groupId)?.push({ seq: message.seq, msgId: message.msgId, sender: message.sender });
    this.lastSeq.set(groupId, Math.max(this.lastSeqOf(groupId), message.seq));
  }

  private async catchUp(groupId: string): Promise<void> {
    for (;;) {
      const after = this.lastSeqOf(groupId);
      const answer = await this.request('GET', `/api/groups/${groupId}/messages?after=${after}&limit=200`, undefined, Date.now() + 120_000);
      if (answer.status !== 200) throw new Error(`${this.username} catch-up of ${groupId}: ${answer.status}`);
      const page = answer.json as { messages: MessageView[]; hasMore: boolean };
      for (const message of page.messages) this.accept(groupId, message);
      if (!page.hasMore) return;
    }
  }

  private connect(): Promise<void> {
    if (!this.connecting) {
      this.connecting = this.connectUntilReady().finally(() => {
        this.connecting = null;
      });
    }
    return this.connecting;
  }

  private async connectUntilReady(): Promise<void> {
    let delay = 200;
    while (!this.closed) {
      try {
        await this.openSocket();
        // Catch up on whatever happened while the stream was down; events that arrive
        // meanwhile are merged by seq, so overlap shows up neither twice nor never.
        for (const groupId of this.groups.keys()) await this.catchUp(groupId);
        return;
      } catch {
        this.socket?.terminate();
        this.socket = null;
        await sleep(delay);
        delay = Math.min(delay * 2, 2000);
      }
    }
  }

  private openSocket(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.options.wsUrl);
      this.socket = socket;
      let ready = false;
      let lastHeard = Date.now();
      let heartbeat: NodeJS.Timeout | undefined;
      const deliveredHere = new Set<string>();
      const fail = (error: Error) => {
        clearInterval(heartbeat);
        if (!ready) reject(error);
      };
      socket.on('open', () => {
        socket.send(JSON.stringify({ type: 'auth', token: this.options.token }));
      });
      socket.on('message', (data) => {
        lastHeard = Date.now();
        let event: { type?: string; groupId?: string; message?: MessageView };
        try {
          event = JSON.parse(data.toString());
        } catch {
          this.note('a WebSocket frame was not JSON');
          return;
        }
        if (event.type === 'ready') {
          ready = true;
          this.readyCount += 1;
          heartbeat = setInterval(() => {
            if (Date.now() - lastHeard > this.options.heartbeatTimeoutMs) {
              // Nothing heard, not even a pong: the connection is dead without having closed.
              this.stats.heartbeatTimeouts += 1;
              socket.terminate();
              return;
            }
            if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'ping' }));
          }, this.options.heartbeatMs);
          resolve();
        } else if (event.type === 'message' && event.groupId && event.message) {
          const key = `${event.groupId}/${event.message.seq}`;
          if (deliveredHere.has(key)) this.stats.duplicateDeliveries += 1;
          deliveredHere.add(key);
          this.accept(event.groupId, event.message);
        }
      });
      socket.on('pong', () => {
        lastHeard = Date.now();
      });
      socket.on('error', (error) => fail(error));
      socket.on('close', (code) => {
        clearInterval(heartbeat);
        if (!ready) {
          reject(new Error(`WebSocket closed before ready (${code})`));
          return;
        }
        if (this.socket === socket) this.socket = null;
        if (!this.closed) {
          this.stats.reconnects += 1;
          void this.connect();
        }
      });
    });
  }
}

export { StopRequested };
