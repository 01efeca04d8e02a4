import type { MessageView } from '../../../common/api';
import { encryptGroupMessage, newMsgId, type Identity } from '../../../common/crypto';
import { isServerError, ServerUnreachableError, type ChatMessage, type ConnectionState, type TeamChatClient } from '../../../client';
import type { Acknowledged, SeenMessage } from './ledger';

export interface GroupSecret {
  groupId: string;
  generation: number;
  groupKey: Uint8Array;
}

export interface MemberStats {
  posted: number;
  retries: number;
  status503: number;
  unreachable: number;
  reconnects: number;
  connectedTimes: number;
  /** Live messages whose status was not ok (did not decrypt or verify). */
  notOk: number;
  /** Live messages emitted with a seq lower than one emitted before. */
  outOfOrder: number;
  /** Milliseconds from first attempt to acknowledgement, summed, and the longest. */
  ackMsTotal: number;
  ackMsMax: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Network errors and 503 are what a fault looks like from a client; anything else is an answer. */
function isTransient(error: unknown): boolean {
  return error instanceof ServerUnreachableError || (isServerError(error) && (error.status === 503 || error.status === 502));
}

/**
 * One member of the load run: the real client core (client/) keeps its live stream,
 * heartbeat, reconnects, catch-up, decryption and timeline; this wrapper posts through the
 * client's own API client and keeps retrying a message with the same msgId and blob until
 * the server acknowledges it, as a careful UI would.
 */
export class LoadMember {
  readonly stats: MemberStats = { posted: 0, retries: 0, status503: 0, unreachable: 0, reconnects: 0, connectedTimes: 0, notOk: 0, outOfOrder: 0, ackMsTotal: 0, ackMsMax: 0 };
  /** Every message the client announced, per group, in the order it announced them. */
  readonly stream = new Map<string, ChatMessage[]>();
  readonly problems: string[] = [];
  private readonly secrets = new Map<string, GroupSecret>();

  constructor(readonly client: TeamChatClient, private readonly identity: Identity) {
    client.on('message', (message) => {
      const list = this.stream.get(message.groupId) ?? [];
      const last = list.at(-1);
      if (last && message.seq <= last.seq) {
        this.stats.outOfOrder += 1;
        this.note(`${this.username} got seq ${message.seq} after ${last.seq} in ${message.groupId.slice(0, 8)}`);
      }
      if (message.status !== 'ok') {
        this.stats.notOk += 1;
        this.note(`${this.username} got ${message.msgId} as ${message.status}: ${message.problem ?? ''}`);
      }
      list.push(message);
      this.stream.set(message.groupId, list);
    });
    client.on('connection', (state: ConnectionState) => {
      if (state === 'reconnecting') this.stats.reconnects += 1;
      if (state === 'connected') this.stats.connectedTimes += 1;
    });
  }

  get username(): string {
    return this.client.username;
  }

  joinGroup(secret: GroupSecret): void {
    this.secrets.set(secret.groupId, secret);
    this.stream.set(secret.groupId, []);
  }

  groupIds(): string[] {
    return [...this.secrets.keys()];
  }

  lastSeqOf(groupId: string): number {
    return this.stream.get(groupId)?.at(-1)?.seq ?? 0;
  }

  /** Retries transient failures (faults) until `deadline`; any other error is a defect. */
  async withRetries<T>(deadline: number, work: () => Promise<T>): Promise<T> {
    let delay = 100;
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (!isTransient(error) || Date.now() > deadline) throw error;
        if (error instanceof ServerUnreachableError) this.stats.unreachable += 1;
        else this.stats.status503 += 1;
        this.stats.retries += 1;
        await sleep(delay);
        delay = Math.min(delay * 2, 1500);
      }
    }
  }

  async post(groupId: string, text: string, senderIndex: number, deadline: number): Promise<Acknowledged> {
    const secret = this.secrets.get(groupId);
    if (!secret) throw new Error(`${this.username} is not in group ${groupId}`);
    const msgId = newMsgId();
    const envelope = { v: 1 as const, kind: 'text' as const, body: text, sentAt: new Date().toISOString() };
    const encryptedBlobB64 = encryptGroupMessage(envelope, { groupId, generation: secret.generation, sender: this.username, msgId },
      secret.groupKey, this.identity.signingPrivateKey);
    const body = { msgId, generation: secret.generation, encryptedBlobB64 };
    const started = Date.now();
    const stored: MessageView = await this.withRetries(deadline, () => this.client.api.postMessage(groupId, body));
    if (stored.msgId !== msgId || stored.sender !== this.username) throw new Error(`${this.username} got a wrong acknowledgement for ${msgId}`);
    this.stats.posted += 1;
    const took = Date.now() - started;
    this.stats.ackMsTotal += took;
    this.stats.ackMsMax = Math.max(this.stats.ackMsMax, took);
    return { groupId, msgId, seq: stored.seq, sender: this.username, senderIndex };
  }

  /** Scrolls to the newest page, as a member opening the group does. */
  async readNewestPage(groupId: string, deadline: number): Promise<void> {
    await this.withRetries(deadline, () => this.client.api.history(groupId, { limit: 20 }));
  }

  /** The whole stored history of a group, oldest first, as this member may read it. */
  async history(groupId: string, deadline: number): Promise<SeenMessage[]> {
    const all: SeenMessage[] = [];
    let after = 0;
    for (;;) {
      const page = await this.withRetries(deadline, () => this.client.api.history(groupId, { after, limit: 200 }));
      for (const m of page.messages) all.push({ seq: m.seq, msgId: m.msgId, sender: m.sender });
      const last = page.messages.at(-1);
      if (!page.hasMore || !last) return all;
      after = last.seq;
    }
  }

  private note(problem: string): void {
    if (this.problems.length < 10) this.problems.push(problem);
  }
}
