// Slack-style threads over the group timeline (docs/threads.md): a reply names its thread's
// root inside the encrypted envelope and carries an opaque tag the server pages the thread
// by; the tag is an HMAC of the root's msgId under a key from the root's group key
// generation, so only members can make it. Replies stay out of the group timeline unless
// sent "also to the group". Whatever a tag page holds is decrypted and kept only if its own
// signed envelope names the thread: the server can withhold or mix, never fake.

import { HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX } from '../../common/api';
import { threadTag } from '../../common/crypto';
import type { ApiClient } from '../api/api-client';
import type { GroupRef } from '../groups/group-directory';
import type { Group } from '../groups/verified-group';
import type { GroupKeyRing } from '../keys/group-key-ring';
import type { ChatMessage } from '../messages/chat-message';
import type { MessageReader } from '../messages/message-reader';
import type { OutgoingMessage } from '../messages/message-sender';
import type { Timeline } from '../messages/timeline';
import { summarizeThread, unreadReplies, type ThreadSummary } from './thread-summary';
import { claimedRoot, ThreadStore } from './thread-store';

export type { ThreadSummary } from './thread-summary';

/** How far back in the group's history a root not held yet is looked for (a CLI reply, a link). */
const ROOT_SEARCH_LIMIT = 2000;

export interface ThreadDeps {
  api: ApiClient;
  reader: MessageReader;
  keyRing: GroupKeyRing;
  me: string;
  group(ref: GroupRef): Promise<Group>;
  /** The group timeline, where roots are. */
  held(groupId: string): Timeline | undefined;
  /** Reads group history further back from `before`; answers whether more remains. */
  readBack(groupId: string, limit: number, before: number | undefined): Promise<boolean>;
  send(groupId: string, outgoing: OutgoingMessage): Promise<ChatMessage>;
  /** The group's read cursor: where a thread first seen starts as read. */
  readSeqOf(groupId: string): number;
}

export interface ThreadPage {
  root: ChatMessage;
  /** In seq order, edits, deletes and reactions folded in. */
  replies: ChatMessage[];
  /** Older replies remain on the server. */
  hasMore: boolean;
  /** Messages the server gave for this thread whose own envelope does not put them in it: left out. */
  dropped: number;
}

export interface ThreadReplyOptions {
  /** Also shown in the group's timeline, as Slack's "Also send to #channel". */
  alsoToGroup?: boolean;
  /** The caller's own msgId, so a resend is the same message. */
  msgId?: string;
}

export class ThreadNotFoundError extends Error {
  constructor(readonly msgId: string) {
    super(`The message ${msgId} is not among the last ${ROOT_SEARCH_LIMIT} messages of this group, so its thread cannot be opened.`);
    this.name = 'ThreadNotFoundError';
  }
}

export class Threads {
  private readonly store: ThreadStore;
  private readonly tags = new Map<string, string>();
  /** Per thread, the seq the last tag page started at: older pages go on from there. */
  private readonly pagedFrom = new Map<string, number>();

  constructor(private readonly deps: ThreadDeps) {
    this.store = new ThreadStore((id) => deps.readSeqOf(id));
  }

  /** Every message the group timelines take in, as they hold it. */
  take(groupId: string, held: ChatMessage[]): void {
    this.store.take(groupId, held);
  }

  forget(groupId: string): void {
    this.store.forget(groupId);
    for (const k of [...this.tags.keys()]) if (k.startsWith(`${groupId}/`)) this.tags.delete(k);
  }

  /** A reply in the thread of `msgId` (or, if that is itself a reply, in the thread it is in). */
  async reply(ref: GroupRef, msgId: string, text: string, options: ThreadReplyOptions = {}): Promise<ChatMessage> {
    const group = await this.deps.group(ref);
    const root = await this.rootFor(group, msgId);
    return this.deps.send(group.id, {
      kind: 'text',
      body: text,
      thread: { root: root.msgId, ...(options.alsoToGroup ? { alsoToGroup: true as const } : {}) },
      threadTag: await this.tagOf(group, root),
      ...(options.msgId ? { msgId: options.msgId } : {}),
    });
  }

  /**
   * Marks the discussion on `msgId` (or, for a reply, on its thread's root) resolved or, with
   * `resolved` false, reopened: a signed change any member may send; the latest wins
   * (client/discussions/discussion-fold.ts). Answers the root as it now stands.
   */
  async resolve(ref: GroupRef, msgId: string, resolved: boolean): Promise<ChatMessage> {
    const group = await this.deps.group(ref);
    const root = await this.rootFor(group, msgId);
    await this.deps.send(group.id, { kind: 'resolve', body: '', target: root.msgId, resolved });
    return this.deps.held(group.id)?.get(root.msgId) ?? root;
  }

  /** The newest replies of a thread from the server (by tag), with those held already. */
  async open(ref: GroupRef, msgId: string, limit = HISTORY_PAGE_DEFAULT): Promise<ThreadPage> {
    const group = await this.deps.group(ref);
    return this.page(group, await this.rootFor(group, msgId), limit, undefined);
  }

  /** Older replies, before the oldest page read. */
  async loadOlder(ref: GroupRef, msgId: string, limit = HISTORY_PAGE_DEFAULT): Promise<ThreadPage> {
    const group = await this.deps.group(ref);
    const root = await this.rootFor(group, msgId);
    return this.page(group, root, limit, this.pagedFrom.get(`${group.id}/${root.msgId}`) ?? this.store.firstSeq(group.id, root.msgId));
  }

  /** What is held of a thread, without asking the server. */
  replies(groupId: string, root: string): ChatMessage[] {
    return this.store.replies(groupId, root);
  }

  /** The line under a root: undefined for a message nobody replied to in a thread. */
  summary(groupId: string, msgId: string): (ThreadSummary & { unread: number }) | undefined {
    if (!this.store.has(groupId, msgId)) return undefined;
    const replies = this.store.replies(groupId, msgId);
    if (replies.length === 0) return undefined;
    return { ...summarizeThread(replies), unread: unreadReplies(replies, this.store.readSeq(groupId, msgId), this.deps.me) };
  }

  unread(groupId: string, root: string): number {
    return this.store.has(groupId, root) ? unreadReplies(this.store.replies(groupId, root), this.store.readSeq(groupId, root), this.deps.me) : 0;
  }

  /** Every reply held counts as seen. */
  markRead(groupId: string, root: string): void {
    const last = this.store.replies(groupId, root).at(-1);
    if (last) this.store.markRead(groupId, root, last.seq);
  }

  /** The root's author and everyone who replied. */
  participants(groupId: string, root: string): string[] {
    const who = new Set(this.store.replies(groupId, root).map((m) => m.sender));
    const rootMessage = this.deps.held(groupId)?.get(root);
    if (rootMessage?.status === 'ok') who.add(rootMessage.sender);
    return [...who];
  }

  /** A reply from someone else in a thread this user started or replied in: worth a notification without a mention. */
  notifies(message: ChatMessage): boolean {
    const root = claimedRoot(message);
    if (root === undefined || message.sender === this.deps.me || message.kind === 'edit' || message.kind === 'delete' || message.kind === 'reaction' || message.kind === 'resolve') return false;
    return this.participants(message.groupId, root).includes(this.deps.me);
  }

  /** An edit, delete or reaction aimed at a thread reply goes to that thread too, so a thread page carries it. */
  place(groupId: string, outgoing: OutgoingMessage): OutgoingMessage {
    if (outgoing.thread || outgoing.target === undefined) return outgoing;
    const target = this.deps.held(groupId)?.get(outgoing.target) ?? this.store.find(groupId, outgoing.target);
    const root = target && claimedRoot(target);
    if (root === undefined) return outgoing;
    const tag = this.tags.get(`${groupId}/${root}`);
    return { ...outgoing, thread: { root }, ...(tag ? { threadTag: tag } : {}) };
  }

  private async page(group: Group, root: ChatMessage, limit: number, before: number | undefined): Promise<ThreadPage> {
    const tag = await this.tagOf(group, root);
    const page = await this.deps.api.history(group.id, { thread: tag, limit: Math.min(limit, HISTORY_PAGE_MAX), ...(before !== undefined ? { before } : {}) });
    const first = page.messages[0];
    if (first) this.pagedFrom.set(`${group.id}/${root.msgId}`, first.seq);
    const dropped = this.store.takePage(group.id, root.msgId, await this.deps.reader.read(group.id, page.messages));
    return { root: this.deps.held(group.id)?.get(root.msgId) ?? root, replies: this.store.replies(group.id, root.msgId), hasMore: page.hasMore, dropped };
  }

  /** The top-level message a thread hangs from: held, or looked for back through the group's history. */
  private async rootFor(group: Group, msgId: string): Promise<ChatMessage> {
    const found = await this.find(group, msgId);
    // A reply's thread is its root's: threads do not nest.
    const root = found.threadRoot === undefined ? found : await this.find(group, found.threadRoot);
    if (root.threadRoot !== undefined) throw new ThreadNotFoundError(root.msgId);
    return root;
  }

  private async find(group: Group, msgId: string): Promise<ChatMessage> {
    let found = this.lookUp(group.id, msgId);
    for (let searched = 0; !found && searched < ROOT_SEARCH_LIMIT; searched += HISTORY_PAGE_MAX) {
      const more = await this.deps.readBack(group.id, HISTORY_PAGE_MAX, this.deps.held(group.id)?.firstSeq);
      found = this.lookUp(group.id, msgId);
      if (!more) break;
    }
    if (!found || found.status !== 'ok' || (found.kind !== 'text' && found.kind !== 'snippet')) throw new ThreadNotFoundError(msgId);
    return found;
  }

  private lookUp(groupId: string, msgId: string): ChatMessage | undefined {
    return this.deps.held(groupId)?.get(msgId) ?? this.store.find(groupId, msgId);
  }

  private async tagOf(group: Group, root: ChatMessage): Promise<string> {
    const slot = `${group.id}/${root.msgId}`;
    let tag = this.tags.get(slot);
    if (!tag) {
      tag = threadTag(await this.deps.keyRing.keyFor(group, root.generation), { groupId: group.id, generation: root.generation }, root.msgId);
      this.tags.set(slot, tag);
    }
    return tag;
  }
}
