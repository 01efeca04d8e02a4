// The client core as a UI sees it: one signed-in account on one server. It keeps the group
// list and each group's timeline, does every crypto step through the pieces beside it, and
// tells subscribers what changed. No VS Code here: the extension and the CLI adapt it.
//
// No message is missed or shown twice: for every group the client remembers the last seq it
// has seen in order; an event right after it is taken as is, a gap (or a reconnect) fetches
// everything after it, and the timeline drops whatever it already holds.

import { API_PATHS, HISTORY_PAGE_MAX, type ChatEvent, type GroupView, type MessageView } from '../common/api';
import { newMsgId, type CodeSnippet } from '../common/crypto';
import { ApiClient } from './api/api-client';
import { eventsUrl, normalizeServerUrl } from './api/server-url';
import { AmbiguousGroupError, GroupNotFoundError, isServerError, type KeyChangedError } from './errors';
import { EventsClient, type ConnectionState, type EventsClientOptions } from './events/events-client';
import { GroupOperations, isStaleGroupError } from './groups/group-operations';
import { signIn, signUp, type SignedInAccount } from './keys/account';
import { GroupKeyRing } from './keys/group-key-ring';
import type { ChatMessage } from './messages/chat-message';
import { decodeMessage, decodeMessages } from './messages/message-decoder';
import { MessageSender, type OutgoingMessage } from './messages/message-sender';
import { Timeline } from './messages/timeline';
import type { SecretStore } from './secrets/secret-store';
import { Session } from './session/session';
import { PinStore } from './trust/pin-store';
import { UserDirectory, type KeyCheck } from './trust/user-directory';
import { TypedEmitter } from './typed-emitter';

export type TeamChatEvents = {
  /** The list of groups (or something shown in it: name, members, unread, generation) changed. */
  'groups-changed': [GroupView[]];
  /** A message this client had not shown yet (live, or fetched when catching up). */
  'message': [ChatMessage];
  /** A shown message was edited, deleted or reacted to. */
  'message-updated': [ChatMessage];
  'connection': [ConnectionState];
  /** Someone's public keys differ from the pinned ones; nothing is sealed to them until accepted. */
  'key-changed': [KeyChangedError];
  /** The session ended for good (e.g. signed out elsewhere); sign in again. */
  'signed-out': [Error];
};

/** A group named by the user: its id, its name, or the view itself. */
export type GroupRef = string | GroupView;

export interface TeamChatClientOptions {
  events?: EventsClientOptions;
}

export interface HistoryOptions {
  /** How many stored messages to read back (edits and deletes count); default one page. */
  limit?: number;
}

/** Pages gathered before a decode, enough for the verify workers to pay off (they start at 512). */
const PARALLEL_DECODE_BATCH = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class TeamChatClient extends TypedEmitter<TeamChatEvents> {
  readonly api: ApiClient;
  readonly username: string;
  private readonly session: Session;
  private readonly users: UserDirectory;
  private readonly keyRing: GroupKeyRing;
  private readonly operations: GroupOperations;
  private readonly sender: MessageSender;
  private readonly events: EventsClient;
  private readonly groupsById = new Map<string, GroupView>();
  private readonly timelines = new Map<string, Timeline>();
  /** Per group: every seq up to this one has been delivered in order. */
  private readonly cursors = new Map<string, number>();
  /** Per group: work on its timeline runs one item at a time, in arrival order. */
  private readonly queues = new Map<string, Promise<void>>();
  private groupsLoaded = false;

  private constructor(readonly server: string, readonly account: SignedInAccount, store: SecretStore, options: TeamChatClientOptions) {
    super();
    this.username = account.username;
    this.api = new ApiClient(server);
    this.session = new Session(this.api, store, account.session, account.authKey);
    this.api.useTokens(this.session);
    const me = { username: account.username, identity: account.identity };
    this.users = new UserDirectory(this.api, new PinStore(store, server), me, (warning) => this.emit('key-changed', warning));
    this.keyRing = new GroupKeyRing(me, this.users);
    this.operations = new GroupOperations(this.api, me, this.users, this.keyRing);
    this.sender = new MessageSender(this.api, me, this.keyRing);
    this.events = new EventsClient(eventsUrl(server, API_PATHS.events), this.session, options.events);
    this.events.on('state', (state) => this.emit('connection', state));
    this.events.on('ready', () => void this.catchUpAll().catch(() => undefined));
    this.events.on('event', (event) => void this.handleEvent(event).catch(() => undefined));
    this.events.on('failed', (error) => this.emit('signed-out', error));
  }

  static async signUp(server: string, username: string, passphrase: string, store: SecretStore, options: TeamChatClientOptions = {}): Promise<TeamChatClient> {
    const url = normalizeServerUrl(server);
    return TeamChatClient.start(url, await signUp(new ApiClient(url), username, passphrase), store, options);
  }

  static async signIn(server: string, username: string, passphrase: string, store: SecretStore, options: TeamChatClientOptions = {}): Promise<TeamChatClient> {
    const url = normalizeServerUrl(server);
    return TeamChatClient.start(url, await signIn(new ApiClient(url), username, passphrase), store, options);
  }

  /** From an account already signed in (e.g. unlocked from a CLI profile). */
  static async start(server: string, account: SignedInAccount, store: SecretStore, options: TeamChatClientOptions = {}): Promise<TeamChatClient> {
    const client = new TeamChatClient(normalizeServerUrl(server), account, store, options);
    await client.session.save();
    return client;
  }

  get connectionState(): ConnectionState {
    return this.events.state;
  }

  /** Opens the live event stream; resolves once it is authenticated and caught up. */
  async connect(): Promise<void> {
    if (!this.groupsLoaded) await this.refreshGroups();
    const ready = new Promise<void>((resolve, reject) => {
      const offReady = this.events.once('ready', () => {
        offFailed();
        resolve();
      });
      const offFailed = this.events.once('failed', (error) => {
        offReady();
        reject(error);
      });
    });
    this.events.start();
    await ready;
    await this.catchUpAll();
  }

  async disconnect(): Promise<void> {
    await this.events.stop();
  }

  /** Stops the stream and revokes the refresh token on the server. */
  async signOut(): Promise<void> {
    await this.disconnect();
    await this.session.logout();
  }

  // Groups.

  groups(): GroupView[] {
    return [...this.groupsById.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async refreshGroups(): Promise<GroupView[]> {
    const groups = await this.api.groups();
    const seen = new Set<string>();
    for (const group of groups) {
      seen.add(group.id);
      this.storeGroup(group);
    }
    for (const id of [...this.groupsById.keys()]) if (!seen.has(id)) this.dropGroup(id);
    this.groupsLoaded = true;
    this.emit('groups-changed', this.groups());
    return this.groups();
  }

  async refreshGroup(id: string): Promise<GroupView | undefined> {
    try {
      const group = await this.api.group(id);
      this.storeGroup(group);
      this.emit('groups-changed', this.groups());
      return group;
    } catch (error) {
      if (!isServerError(error) || error.status !== 404) throw error;
      this.dropGroup(id);
      this.emit('groups-changed', this.groups());
      return undefined;
    }
  }

  /** Finds a group by id or by name among the groups this user is in. */
  async group(ref: GroupRef): Promise<GroupView> {
    if (typeof ref !== 'string') return ref;
    if (!this.groupsLoaded) await this.refreshGroups();
    let found = this.findGroup(ref);
    if (!found) {
      await this.refreshGroups();
      found = this.findGroup(ref);
    }
    if (!found) throw new GroupNotFoundError(ref);
    return found;
  }

  async createGroup(name: string): Promise<GroupView> {
    const group = await this.operations.create(name);
    this.storeGroup(group);
    this.emit('groups-changed', this.groups());
    return group;
  }

  /** Adds a member by username; by default they also get the older key generations, so they can read the history. */
  async addMember(ref: GroupRef, username: string, options: { shareHistory?: boolean } = {}) {
    const member = await this.withFreshGroup(ref, (group) => this.operations.addMember(group, username, { shareHistory: options.shareHistory ?? true }));
    await this.refreshGroup((await this.group(ref)).id);
    return member;
  }

  async removeMember(ref: GroupRef, username: string) {
    const answer = await this.withFreshGroup(ref, (group) => this.operations.removeMember(group, username));
    await this.refreshGroup((await this.group(ref)).id);
    return answer;
  }

  /** Makes a member admin; only an admin may. */
  async promote(ref: GroupRef, username: string) {
    const member = await this.api.promote((await this.group(ref)).id, username);
    await this.refreshGroup((await this.group(ref)).id);
    return member;
  }

  /** Takes admin away; the server refuses (409 last_admin) to leave a group with no admin. */
  async demote(ref: GroupRef, username: string) {
    const member = await this.api.demote((await this.group(ref)).id, username);
    await this.refreshGroup((await this.group(ref)).id);
    return member;
  }

  async rotate(ref: GroupRef) {
    const answer = await this.withFreshGroup(ref, (group) => this.operations.rotate(group));
    await this.refreshGroup((await this.group(ref)).id);
    return answer;
  }

  async leave(ref: GroupRef): Promise<void> {
    const group = await this.group(ref);
    await this.operations.leave(group);
    this.dropGroup(group.id);
    this.emit('groups-changed', this.groups());
  }

  async deleteGroup(ref: GroupRef): Promise<void> {
    const group = await this.group(ref);
    await this.operations.delete(group);
    this.dropGroup(group.id);
    this.emit('groups-changed', this.groups());
  }

  async markRead(ref: GroupRef, seq?: number): Promise<void> {
    const group = await this.group(ref);
    const upTo = seq ?? Math.max(group.lastSeq, this.timelines.get(group.id)?.lastSeq ?? 0);
    if (upTo > group.readSeq) await this.api.markRead(group.id, upTo);
  }

  // Messages.

  sendText(ref: GroupRef, text: string, options: { replyTo?: string } = {}): Promise<ChatMessage> {
    return this.send(ref, { kind: 'text', body: text, ...(options.replyTo ? { replyTo: options.replyTo } : {}) });
  }

  sendSnippet(ref: GroupRef, snippet: CodeSnippet, comment = '', options: { replyTo?: string } = {}): Promise<ChatMessage> {
    return this.send(ref, { kind: 'snippet', body: comment, snippet, ...(options.replyTo ? { replyTo: options.replyTo } : {}) });
  }

  editMessage(ref: GroupRef, msgId: string, text: string): Promise<ChatMessage> {
    return this.send(ref, { kind: 'edit', body: text, target: msgId });
  }

  deleteMessage(ref: GroupRef, msgId: string): Promise<ChatMessage> {
    return this.send(ref, { kind: 'delete', body: '', target: msgId });
  }

  /** Reacts to a message; sending the same reaction again takes it back. */
  react(ref: GroupRef, msgId: string, reaction: string): Promise<ChatMessage> {
    return this.send(ref, { kind: 'reaction', body: reaction, target: msgId });
  }

  /** The messages of a group this client holds so far, in order (after history() or live). */
  messages(ref: GroupView | string): ChatMessage[] {
    const id = typeof ref === 'string' ? ref : ref.id;
    return this.timelines.get(id)?.messages() ?? [];
  }

  /** Reads the newest stored messages (decrypted and checked) into the timeline and returns it. */
  async history(ref: GroupRef, options: HistoryOptions = {}): Promise<ChatMessage[]> {
    const group = await this.group(ref);
    await this.readBack(group, options.limit ?? HISTORY_PAGE_MAX, undefined);
    return this.messages(group.id);
  }

  /** Reads older stored messages before the oldest one held. */
  async loadOlder(ref: GroupRef, limit = HISTORY_PAGE_MAX): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
    const group = await this.group(ref);
    const hasMore = await this.readBack(group, limit, this.timelines.get(group.id)?.firstSeq);
    return { messages: this.messages(group.id), hasMore };
  }

  /** Reads everything after the last seq seen in order, for one group. */
  catchUp(ref: GroupView | string): Promise<void> {
    const id = typeof ref === 'string' ? ref : ref.id;
    return this.enqueue(id, () => this.fetchAfterCursor(id));
  }

  /** Announces, as they are fetched, the messages after `seq` this client has not shown yet. */
  async followFrom(ref: GroupRef, seq: number): Promise<void> {
    const group = await this.group(ref);
    await this.enqueue(group.id, async () => {
      this.cursors.set(group.id, Math.min(seq, this.cursors.get(group.id) ?? seq));
    });
    await this.catchUp(group.id);
  }

  // Trust.

  checkKeys(username: string): Promise<KeyCheck> {
    return this.users.check(username);
  }

  acceptKeys(username: string): Promise<KeyCheck> {
    return this.users.accept(username);
  }

  // Internals.

  private async send(ref: GroupRef, outgoing: OutgoingMessage): Promise<ChatMessage> {
    let group = await this.group(ref);
    const msgId = newMsgId();
    if (group.needsRotation) group = await this.rotateBeforeSending(group);
    let sent;
    try {
      sent = await this.sender.send(group, outgoing, msgId);
    } catch (error) {
      if (isServerError(error, 'needs_rotation')) {
        group = await this.rotateBeforeSending((await this.refreshGroup(group.id)) ?? group);
      } else if (isServerError(error, 'generation_stale')) {
        group = (await this.refreshGroup(group.id)) ?? group;
      } else {
        throw error;
      }
      sent = await this.sender.send(group, outgoing, msgId);
    }
    const view = sent.view;
    const message: ChatMessage = {
      groupId: group.id,
      seq: view.seq,
      msgId: view.msgId,
      sender: view.sender,
      generation: view.generation,
      createdAt: view.createdAt,
      status: 'ok',
      kind: sent.envelope.kind,
      body: sent.envelope.body,
      sentAt: sent.envelope.sentAt,
      ...(sent.envelope.replyTo ? { replyTo: sent.envelope.replyTo } : {}),
      ...(sent.envelope.target ? { target: sent.envelope.target } : {}),
      ...(sent.envelope.snippet ? { snippet: sent.envelope.snippet } : {}),
    };
    await this.enqueue(group.id, async () => this.deliver(group.id, [message]));
    return this.timelineOf(group.id).get(message.msgId) ?? message;
  }

  private async rotateBeforeSending(group: GroupView): Promise<GroupView> {
    try {
      await this.operations.rotate(group);
    } catch (error) {
      // Another member rotated first: their generation is as good as ours.
      if (!isStaleGroupError(error)) throw error;
    }
    return (await this.refreshGroup(group.id)) ?? group;
  }

  private async withFreshGroup<T>(ref: GroupRef, work: (group: GroupView) => Promise<T>): Promise<T> {
    const group = await this.group(ref);
    try {
      return await work(group);
    } catch (error) {
      if (!isStaleGroupError(error)) throw error;
      const fresh = await this.refreshGroup(group.id);
      if (!fresh) throw new GroupNotFoundError(typeof ref === 'string' ? ref : ref.name);
      return work(fresh);
    }
  }

  private findGroup(ref: string): GroupView | undefined {
    if (UUID.test(ref)) return this.groupsById.get(ref);
    const named = [...this.groupsById.values()].filter((g) => g.name === ref);
    if (named.length > 1) throw new AmbiguousGroupError(ref, named.map((g) => g.id));
    return named[0];
  }

  private storeGroup(group: GroupView): void {
    this.groupsById.set(group.id, group);
    // Live delivery starts where the group stood when this client first saw it; older
    // messages are history, read on request.
    if (!this.cursors.has(group.id)) this.cursors.set(group.id, group.lastSeq);
  }

  private dropGroup(id: string): void {
    this.groupsById.delete(id);
    this.timelines.delete(id);
    this.cursors.delete(id);
    this.keyRing.forget(id);
  }

  private timelineOf(id: string): Timeline {
    let timeline = this.timelines.get(id);
    if (!timeline) {
      timeline = new Timeline();
      this.timelines.set(id, timeline);
    }
    return timeline;
  }

  private enqueue(id: string, work: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(id) ?? Promise.resolve()).then(work);
    this.queues.set(id, next.catch(() => undefined));
    return next;
  }

  private async catchUpAll(): Promise<void> {
    await this.refreshGroups();
    await Promise.all(this.groups().map((group) => this.catchUp(group.id)));
  }

  private async handleEvent(event: ChatEvent): Promise<void> {
    switch (event.type) {
      case 'message':
        return this.enqueue(event.groupId, () => this.receive(event.groupId, event.message));
      case 'member':
        if (event.username === this.username && (event.action === 'removed' || event.action === 'left')) {
          this.dropGroup(event.groupId);
          this.emit('groups-changed', this.groups());
          return;
        }
        if (event.username === this.username && event.action === 'added') {
          await this.refreshGroups();
          return;
        }
        await this.refreshGroup(event.groupId);
        return;
      case 'key':
        await this.refreshGroup(event.groupId);
        return;
      case 'group':
        if (event.action === 'deleted') {
          this.dropGroup(event.groupId);
          this.emit('groups-changed', this.groups());
        } else if (event.action === 'created') {
          await this.refreshGroups();
        } else {
          await this.refreshGroup(event.groupId);
        }
    }
  }

  private async receive(id: string, view: MessageView): Promise<void> {
    if (!this.groupsById.has(id)) await this.refreshGroups();
    if (!this.groupsById.has(id)) return;
    const cursor = this.cursors.get(id) ?? 0;
    if (view.seq > cursor + 1) return this.fetchAfterCursor(id);
    if (!this.timelineOf(id).has(view.seq)) await this.deliver(id, [await this.decode(id, view)]);
    if (view.seq === cursor + 1) this.cursors.set(id, view.seq);
  }

  private async fetchAfterCursor(id: string): Promise<void> {
    for (;;) {
      const cursor = this.cursors.get(id);
      if (cursor === undefined) return;
      const page = await this.api.history(id, { after: cursor, limit: HISTORY_PAGE_MAX });
      if (page.messages.length === 0) return;
      await this.deliver(id, await this.decodeAll(id, page.messages));
      this.cursors.set(id, Math.max(cursor, ...page.messages.map((m) => m.seq)));
      if (!page.hasMore) return;
    }
  }

  /**
   * Pages backwards from `before` (newest when undefined) until `limit` stored messages are read.
   * A long read decodes in batches of several pages on the verify workers while the next
   * pages download; the first page is decoded on its own, so the newest messages show first.
   */
  private async readBack(group: GroupView, limit: number, before: number | undefined): Promise<boolean> {
    let remaining = limit;
    let hasMore = true;
    let batch: MessageView[] = [];
    let first = true;
    const decoding: Promise<void>[] = [];
    const flush = () => {
      const views = batch;
      batch = [];
      const delivered = this.decodeAll(group.id, views).then((messages) => this.enqueue(group.id, async () => this.deliver(group.id, messages, false)));
      // Awaited below with the others; until then a failure must not count as unhandled.
      delivered.catch(() => undefined);
      decoding.push(delivered);
    };
    while (remaining > 0 && hasMore) {
      const page = await this.api.history(group.id, { limit: Math.min(remaining, HISTORY_PAGE_MAX), ...(before !== undefined ? { before } : {}) });
      hasMore = page.hasMore;
      if (page.messages.length === 0) break;
      batch.push(...page.messages);
      if (first || batch.length >= PARALLEL_DECODE_BATCH) flush();
      first = false;
      remaining -= page.messages.length;
      before = page.messages[0]!.seq;
    }
    if (batch.length > 0) flush();
    await Promise.all(decoding);
    return hasMore;
  }

  private async decodeAll(id: string, views: MessageView[]): Promise<ChatMessage[]> {
    let group = this.groupsById.get(id);
    // A message under a generation we have no copy of yet: the rotation event may still be on its way.
    if (group && views.some((view) => view.generation > group!.generation)) group = (await this.refreshGroup(id)) ?? group;
    const known = group ?? { id, name: id, keys: [] };
    return decodeMessages(id, views, {
      groupKey: (generation) => this.keyRing.keyFor(known, generation),
      senderKeys: (username) => this.users.verificationKeysOf(username),
    });
  }

  private async decode(id: string, view: MessageView): Promise<ChatMessage> {
    let group = this.groupsById.get(id);
    // A message under a generation we have no copy of yet: the rotation event may still be on its way.
    if (group && view.generation > group.generation) group = (await this.refreshGroup(id)) ?? group;
    const known = group ?? { id, name: id, keys: [] };
    return decodeMessage(id, view, {
      groupKey: (generation) => this.keyRing.keyFor(known, generation),
      senderKeys: (username) => this.users.verificationKeysOf(username),
    });
  }

  /**
   * Adds messages to the timeline and tells subscribers. The messages of a history page are
   * returned, not announced; what the page changes in messages already shown (a later one
   * found to use a stale key) is announced.
   */
  private deliver(id: string, messages: ChatMessage[], announce = true): void {
    const changes = this.timelineOf(id).insert(messages);
    if (announce) for (const message of changes.added) this.emit('message', message);
    for (const message of changes.updated) this.emit('message-updated', message);
  }
}
