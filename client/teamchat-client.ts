// The client core as a UI sees it: one signed-in account on one server. A thin front over
// parts with one job each: the group directory (server views checked against each group's
// signed log), live sync, the history reader, the sender, and the group operations. No VS
// Code here: the extension and the CLI adapt it.

import { API_PATHS, HISTORY_PAGE_MAX } from '../common/api';
import type { CodeSnippet } from '../common/crypto';
import { ApiClient } from './api/api-client';
import { eventsUrl, normalizeServerUrl } from './api/server-url';
import { EventsClient, type ConnectionState, type EventsClientOptions } from './events/events-client';
import type { TeamChatEvents } from './teamchat-events';
import { GroupDirectory, type GroupRef } from './groups/group-directory';
import { GroupLogKeeper } from './groups/group-log-keeper';
import { LogSealerCheck } from './groups/log-sealer-check';
import { GroupChanges, type GroupHistory } from './groups/group-changes';
import { GroupCreation, type CreateGroupOptions } from './groups/group-creation';
import { DeactivatedMembers, type DeactivatedMember } from './groups/deactivated-members';
import { DirectMessages } from './dm/direct-messages';
import { GroupOperations } from './groups/group-operations';
import type { Group } from './groups/verified-group';
import { signIn, signUp, type Admission, type SignedInAccount } from './keys/account';
import { changePassphrase } from './keys/change-passphrase';
import { createRecoveryKey, recoverAccount, storeNewRecoveryKey } from './keys/recovery-key';
import { GroupKeyRing } from './keys/group-key-ring';
import type { ChatMessage } from './messages/chat-message';
import { HistoryReader } from './messages/history-reader';
import { MessageReader } from './messages/message-reader';
import { MessageSender, type OutgoingMessage } from './messages/message-sender';
import { Timelines } from './messages/timelines';
import { Threads } from './threads/threads';
import { MessageSearch } from './search/message-search';
import { AccountDeactivatedError } from './errors';
import { FileTransfers } from './files/file-transfers';
import { DiffShares, type DiffShare, type SendDiffOptions } from './diffs/diff-shares';
import type { SecretStore } from './secrets/secret-store';
import { Session } from './session/session';
import { LiveSync } from './sync/live-sync';
import { LogHeadStore } from './trust/log-head-store';
import { PinStore } from './trust/pin-store';
import { UserDirectory, type KeyCheck, type KeyTrust } from './trust/user-directory';
import { PresenceClient } from './presence/presence-client';
import { TypedEmitter } from './typed-emitter';

export type { GroupRef } from './groups/group-directory';
export type { GroupHistory } from './groups/group-changes';
export type { DeactivatedMember } from './groups/deactivated-members';
export type { TeamChatEvents } from './teamchat-events';

export interface TeamChatClientOptions { events?: EventsClientOptions }

export interface HistoryOptions {
  /** How many stored messages to read back (edits and deletes count); default one page. */
  limit?: number;
}

export class TeamChatClient extends TypedEmitter<TeamChatEvents> {
  readonly api: ApiClient;
  readonly username: string;
  /** Typing, presence and read receipts (docs/presence.md). */
  readonly presence: PresenceClient;
  /** Encrypted file attachments: send, download, limits (docs/files.md). */
  readonly files: FileTransfers;
  /** Shared diffs: send, and read a patch back (docs/code-aware-chat.md). */
  readonly diffs: DiffShares;
  /** Search over the messages this client decrypted, on this device (client/search/). */
  readonly search: MessageSearch;
  private readonly session: Session;
  private readonly users: UserDirectory;
  private readonly logs: GroupLogKeeper;
  private readonly directory: GroupDirectory;
  private readonly keyRing: GroupKeyRing;
  private readonly operations: GroupOperations;
  private readonly changes: GroupChanges;
  private readonly creation: GroupCreation;
  private readonly dms: DirectMessages;
  private readonly sender: MessageSender;
  private readonly sync: LiveSync;
  private readonly history_: HistoryReader;
  private readonly events: EventsClient;
  private readonly timelines: Timelines;
  /** Slack-style threads: reply, open, summaries, unread (client/threads). */
  readonly threads: Threads;
  private readonly deactivated: DeactivatedMembers;
  private recoveryKeyToShow: string | undefined;

  private constructor(readonly server: string, readonly account: SignedInAccount, store: SecretStore, options: TeamChatClientOptions) {
    super();
    this.username = account.username;
    this.search = new MessageSearch({ server, ...account }, () => this.directory.list(), (error) => this.fail('saving the search index', error));
    this.timelines = new Timelines({ added: (m) => this.emit('message', m), updated: (m) => this.emit('message-updated', m), delivered: (...d) => this.search.take(...d) }, (id, held) => this.threads.take(id, held));
    this.api = new ApiClient(server);
    this.session = new Session(this.api, store, account.session, account.authKey);
    this.api.useTokens(this.session);
    const me = { username: account.username, identity: account.identity };
    this.users = new UserDirectory(this.api, new PinStore(store, server), me, (warning) => this.emit('key-changed', warning));
    this.logs = new GroupLogKeeper(this.api, new LogHeadStore(store, server), this.users, me);
    this.directory = new GroupDirectory(this.api, this.logs, {
      added: (group) => this.sync.startAt(group.id, group.lastSeq),
      dropped: (id) => {
        this.timelines.forget(id);
        this.threads.forget(id);
        this.search.forgetGroup(id);
        this.sync.forget(id);
        this.keyRing.forget(id);
      },
      changed: (groups) => {
        this.deactivated.update(groups);
        this.emit('groups-changed', groups);
      },
    });
    this.deactivated = new DeactivatedMembers(this.username, (member) => this.emit('member-deactivated', member));
    this.keyRing = new GroupKeyRing(me, new LogSealerCheck(this.username, this.logs, () => this.directory, this.users));
    this.operations = new GroupOperations(this.api, me, this.users, this.keyRing, this.logs);
    this.changes = new GroupChanges(this.operations, this.directory, this.logs);
    this.creation = new GroupCreation(this.username, this.users, this.operations, this.changes, this.directory);
    this.dms = new DirectMessages(this.api, me, this.users, this.keyRing, this.directory);
    const reader = new MessageReader(this.directory, this.logs, this.keyRing, this.users);
    const timelines = this.timelines;
    this.sync = new LiveSync(this.api, this.directory, reader, this.username, timelines, (id, seq) => timelines.held(id)?.has(seq) ?? false);
    this.history_ = new HistoryReader(this.api, reader, this.sync, (id, messages) => timelines.deliver(id, messages, false));
    this.threads = new Threads({ api: this.api, reader, keyRing: this.keyRing, me: this.username, group: (ref) => this.group(ref), held: (id) => timelines.held(id),
      readBack: (id, limit, before) => this.history_.readBack(id, limit, before), send: (id, o) => this.send(id, o), readSeqOf: (id) => this.directory.get(id)?.readSeq ?? 0 });
    this.sender = new MessageSender(this.api, me, this.keyRing, this.directory, this.logs, (group) => this.changes.rotateBeforeSending(group));
    this.files = new FileTransfers(this.api, this, (ref, m) => this.send(ref, m));
    this.diffs = new DiffShares(this.api, (ref) => this.group(ref), this.files, (ref, m) => this.send(ref, m));
    this.events = new EventsClient(eventsUrl(server, API_PATHS.events), this.session, options.events);
    this.presence = new PresenceClient(this, this.events, this.api);
    this.events.on('state', (state) => this.emit('connection', state));
    this.events.on('failed', (error) => void (error instanceof AccountDeactivatedError && this.session.end(error)));
    this.events.on('ready', () => void this.sync.catchUpAll().catch((error: unknown) => this.fail('catching up after reconnecting', error)));
    this.events.on('event', (event) => void this.sync.handle(event).catch((error: unknown) => this.fail(`handling a live ${event.type} event`, error)));
    // Every way a session ends unasked goes through the session (live stream or a request).
    this.session.onSignedOut((error) => this.emit('signed-out', error));
  }

  /** Also makes a recovery key, to show once: takeRecoveryKey(). `admission`: an invite or the setup code, where registration is not open. */
  static async signUp(server: string, username: string, passphrase: string, store: SecretStore, options: TeamChatClientOptions & { admission?: Admission } = {}): Promise<TeamChatClient> {
    const url = normalizeServerUrl(server);
    const client = await TeamChatClient.start(url, await signUp(new ApiClient(url), username, passphrase, options.admission), store, options);
    // The account exists by now: if this fails, takeRecoveryKey() answers undefined and the UI offers to make one later.
    client.recoveryKeyToShow = await storeNewRecoveryKey(client.api, client.account).catch(() => undefined);
    return client;
  }

  /** With the recovery key instead of the forgotten passphrase: sets `newPassphrase`, keeps the identity, ends every other sign-in. */
  static async recover(server: string, username: string, recoveryKey: string, newPassphrase: string, store: SecretStore, options: TeamChatClientOptions = {}): Promise<TeamChatClient> {
    const url = normalizeServerUrl(server);
    return TeamChatClient.start(url, await recoverAccount(new ApiClient(url), username, recoveryKey, newPassphrase), store, options);
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

  get connectionState(): ConnectionState { return this.events.state; }

  /** Opens the live event stream; resolves once it is authenticated and caught up. */
  async connect(): Promise<void> {
    if (!this.directory.isLoaded) await this.refreshGroups();
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
    await this.sync.catchUpAll();
  }

  async disconnect(): Promise<void> { await this.events.stop(); }

  /** Stops the stream and revokes the refresh token on the server. */
  async signOut(): Promise<void> {
    await this.disconnect();
    await this.session.logout();
  }

  /** New salt, authKey and sealed vault; every other sign-in ends, this one goes on with new tokens. */
  changePassphrase(current: string, next: string): Promise<void> { return changePassphrase(this.api, this.account, this.session, current, next); }

  /** The recovery key made at sign-up, once (undefined after, or if none could be made): show it, never store it. */
  takeRecoveryKey(): string | undefined {
    const key = this.recoveryKeyToShow;
    this.recoveryKeyToShow = undefined;
    return key;
  }

  /** A new recovery key (the one before stops working), proven by the current passphrase; its text, to show once. */
  createRecoveryKey(currentPassphrase: string): Promise<string> { return createRecoveryKey(this.api, this.account, currentPassphrase); }

  groups(): Group[] { return this.directory.list(); }
  /** The direct messages among groups() (each has `dm`); openDirectMessage finds the live one with a person or makes it. */
  directMessages(): Group[] { return this.directory.directMessages(); }
  openDirectMessage(username: string): Promise<Group> { return this.dms.open(username); }
  /** In the groups where I am an admin: members a server admin deactivated or deleted, to remove (rotates the key). */
  deactivatedMembers(): DeactivatedMember[] { return this.deactivated.list(); }
  refreshGroups(): Promise<Group[]> { return this.directory.refreshAll(); }
  refreshGroup(id: string): Promise<Group | undefined> { return this.directory.refresh(id); }

  /** Finds a group by id or by name among the groups this user is in. */
  group(ref: GroupRef): Promise<Group> {
    return this.directory.find(ref);
  }

  /**
   * All or nothing: every member is looked up first, and a name you are in a group of already
   * is refused (GroupNameTakenError) unless `allowSameName`.
   */
  createGroup(name: string, options: CreateGroupOptions = {}): Promise<Group> {
    return this.creation.create(name, options);
  }

  /** Adds a member by username; by default they also get the older key generations, so they can read the history. */
  addMember(ref: GroupRef, username: string, options: { shareHistory?: boolean } = {}) {
    return this.changes.run(ref, (group) => this.operations.addMember(group, username, { shareHistory: options.shareHistory ?? true }));
  }

  removeMember(ref: GroupRef, username: string) { return this.changes.run(ref, (group) => this.operations.removeMember(group, username)); }

  /** Makes a member admin; only an admin may. */
  promote(ref: GroupRef, username: string) { return this.changes.run(ref, (group) => this.operations.setAdmin(group, username, true)); }

  /** Takes admin away; a group always keeps one admin (the log and the server both refuse otherwise). */
  demote(ref: GroupRef, username: string) { return this.changes.run(ref, (group) => this.operations.setAdmin(group, username, false)); }

  rotate(ref: GroupRef) { return this.changes.run(ref, (group) => this.operations.rotate(group)); }

  /** Admin only; a name you are in another group of needs `allowSameName` (else GroupNameTakenError). */
  renameGroup(ref: GroupRef, name: string, options: { allowSameName?: boolean } = {}) {
    return this.changes.run(ref, (group) => this.operations.rename(group, name, { allowSameName: options.allowSameName ?? false }));
  }
  /** Admin only: one line of plain text, shown under the group's name; "" clears it. */
  setTopic(ref: GroupRef, topic: string) { return this.changes.run(ref, (group) => this.operations.setTopic(group, topic)); }

  /** Starts the signed log of a group made before it (admin): from here on, its members are verifiable. */
  startLog(ref: GroupRef) { return this.changes.run(ref, (group) => this.operations.startLog(group)); }

  leave(ref: GroupRef): Promise<void> { return this.changes.end(ref, 'leave'); }
  deleteGroup(ref: GroupRef): Promise<void> { return this.changes.end(ref, 'delete'); }

  /** The group's verified changes (who added, removed, promoted whom, and when). */
  groupHistory(ref: GroupRef): Promise<GroupHistory> { return this.changes.history(ref); }

  async markRead(ref: GroupRef, seq?: number): Promise<void> {
    const group = await this.group(ref);
    const upTo = seq ?? Math.max(group.lastSeq, this.timelines.held(group.id)?.lastSeq ?? 0);
    if (upTo > group.readSeq) await this.api.markRead(group.id, upTo, this.presence.sharesReadReceipts);
  }

  /** `msgId`: the caller's own (32 lowercase hex), so sending it again is the same message. */
  sendText(ref: GroupRef, text: string, options: { replyTo?: string; msgId?: string } = {}): Promise<ChatMessage> {
    return this.send(ref, { kind: 'text', body: text, ...options });
  }

  sendSnippet(ref: GroupRef, snippet: CodeSnippet, comment = '', options: { replyTo?: string; msgId?: string } = {}): Promise<ChatMessage> {
    return this.send(ref, { kind: 'snippet', body: comment, snippet, ...options });
  }

  /** Shares a unified diff with a comment: inline, or as an encrypted attachment when it does not fit one message. */
  sendDiff(ref: GroupRef, diff: DiffShare, comment = '', options: SendDiffOptions = {}): Promise<ChatMessage> {
    return this.diffs.send(ref, diff, comment, options);
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
  messages(ref: Group | string): ChatMessage[] {
    const id = typeof ref === 'string' ? ref : ref.id;
    return this.timelines.held(id)?.messages() ?? [];
  }

  /** Reads the newest stored messages (decrypted and checked) into the timeline and returns it. */
  async history(ref: GroupRef, options: HistoryOptions = {}): Promise<ChatMessage[]> {
    const group = await this.group(ref);
    await this.history_.readBack(group.id, options.limit ?? HISTORY_PAGE_MAX, undefined);
    return this.messages(group.id);
  }

  /** Reads older stored messages before the oldest one held. */
  async loadOlder(ref: GroupRef, limit = HISTORY_PAGE_MAX): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
    const group = await this.group(ref);
    const hasMore = await this.history_.readBack(group.id, limit, this.timelines.held(group.id)?.firstSeq);
    return { messages: this.messages(group.id), hasMore };
  }

  /** Announces, as they are fetched, the messages after `seq` this client has not shown yet. */
  async followFrom(ref: GroupRef, seq: number): Promise<void> {
    await this.sync.followFrom((await this.group(ref)).id, seq);
  }

  checkKeys(username: string): Promise<KeyCheck> { return this.users.check(username); }

  /** `compared`: the safety number the user compared; keys that give another one are refused, not pinned. */
  acceptKeys(username: string, compared?: string): Promise<KeyCheck> { return this.users.accept(username, compared); }

  /** Whether a person's keys were compared by safety number ('verified') or only pinned on first use. */
  keyTrust(username: string): Promise<KeyTrust> { return this.users.trust(username); }

  private async send(ref: GroupRef, outgoing: OutgoingMessage): Promise<ChatMessage> {
    const group = await this.group(ref);
    const message = await this.sender.send(group, this.threads.place(group.id, outgoing));
    await this.sync.enqueue(group.id, async () => this.timelines.deliver(group.id, [message], true));
    return this.timelines.of(group.id).get(message.msgId) ?? message;
  }

  private fail(doing: string, error: unknown): void {
    this.emit('error', new Error(`TeamChat failed ${doing}: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
  }
}
