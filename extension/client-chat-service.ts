// ChatService over the client core's TeamChatClient: turns its events into webview views,
// keeps unread counts (unread-tracker.ts) with each group's notification level, and remembers
// whose keys changed.
import type { GroupView } from '../common/api';
import { GroupNameTakenError, type ChatMessage, type ConnectionState as ClientConnection, type Group, type KeyChangedError, type TeamChatClient } from '../client';
import { errorMessage } from '../common/error-message';
import type { ChatMessageView, ChatPageView, ConnectionState, CreateGroupResult, FileLimitsView, GroupDetailView, GroupHistoryView, GroupSummaryView, KeyTrust, NotifyLevel, RequestParams, SearchResultView, SnippetView, ThreadPageView } from '../common/webview-protocol';
import { toAwarenessView } from './awareness-view';
import type { ChatService, ChatServiceEvent } from './chat-service';
import { FileService } from './files/file-service';
import { toGroupDetail, toGroupHistoryView, toGroupSummary } from './message-views';
import { toSearchResultView } from './search-result-view';
import type { NotificationSettings } from './notification-settings';
import { countUnread, type UnreadCount } from './unread-count';
import { UnreadTracker } from './unread-tracker';
import { ThreadViews } from './thread-views';

const PAGE = 50;

const CONNECTION: Record<ClientConnection, ConnectionState> = {
  connecting: 'connecting',
  connected: 'online',
  reconnecting: 'offline',
  closed: 'offline',
};

export class ClientChatService implements ChatService {
  private readonly listeners = new Set<(e: ChatServiceEvent) => void>();
  private readonly unread = new UnreadTracker();
  private readonly hasMore = new Map<string, boolean>();
  /** Seen by Verify Member before the core raised it; the core's own trust says 'changed' too once it does. */
  private readonly changedKeys = new Set<string>();
  /** Per group, the newest detail view being built: one that resolves late is not sent over a newer one. */
  private readonly detailRuns = new Map<string, number>();
  private readonly offs: (() => void)[] = [];
  /** The group the panel opened last: its typing, presence and read positions are sent. */
  private watched: string | undefined;
  /** Attachments: the panel's file requests and their transfers. */
  readonly files: FileService;
  private readonly threads: ThreadViews;

  constructor(
    readonly client: TeamChatClient,
    private readonly notifications: NotificationSettings,
    /** For failures nobody awaits (a member list built after an event). */
    private readonly warn: (line: string) => void,
  ) {
    this.unread.snapshot(client.groups());
    this.files = new FileService(client, (e) => this.emit(e));
    this.threads = new ThreadViews(client);
    this.offs.push(
      client.on('groups-changed', (groups) => {
        this.unread.snapshot(groups);
        this.emit({ type: 'groups', groups: this.groups() });
        for (const g of groups) this.emitDetail(g);
      }),
      client.on('message', (m) => this.onMessage(m, true)),
      client.on('message-updated', (m) => this.onMessage(m, false)),
      client.on('connection', (state) => this.emit({ type: 'connection', state: CONNECTION[state] })),
      client.presence.on('typing', (groupId) => groupId === this.watched && this.emitAwareness()),
      client.presence.on('reads', (groupId) => groupId === this.watched && this.emitAwareness()),
      client.presence.on('presence', () => this.emitAwareness()),
      client.on('key-changed', (warning: KeyChangedError) => {
        this.changedKeys.add(warning.username);
        this.refreshMembers(warning.username);
      }),
    );
  }

  get username(): string {
    return this.client.username;
  }

  get serverUrl(): string {
    return this.client.server;
  }

  connectionState(): ConnectionState {
    return CONNECTION[this.client.connectionState];
  }

  groups(): GroupSummaryView[] {
    return this.client.groups().map((g) => this.summary(g));
  }

  /** What the badge and the status bar count: muted groups left out, only mentions of a "Mentions only" group. */
  unreadCount(): UnreadCount {
    return countUnread(this.client.groups().map((g) => ({ notify: this.notifyLevel(g), unread: this.unread.unreadOf(g.id), mentions: this.unread.mentionsOf(g.id) })));
  }

  notifyLevel(g: GroupView): NotifyLevel {
    return this.notifications.levelOf(g.id, g.members.length);
  }

  /** Kept on this device only; the lists, the badge and the panel show the new level at once. */
  async setNotifyLevel(groupId: string, level: NotifyLevel): Promise<void> {
    await this.notifications.choose(groupId, level);
    this.emit({ type: 'groups', groups: this.groups() });
    const group = this.client.groups().find((g) => g.id === groupId);
    if (group) this.emitDetail(group);
  }

  /** Someone's keys changed (or the user accepted them): the member lists show it. */
  setKeyChanged(username: string, changed: boolean): void {
    if (changed) this.changedKeys.add(username);
    else this.changedKeys.delete(username);
    this.refreshMembers(username);
  }

  refreshMembers(username: string): void {
    for (const g of this.client.groups()) if (g.members.some((m) => m.username === username)) this.emitDetail(g);
  }

  async openGroup({ groupId }: RequestParams<'openGroup'>): Promise<ChatPageView> {
    const group = await this.client.group(groupId);
    this.watched = groupId;
    this.client.presence.watch(groupId);
    queueMicrotask(() => this.emitAwareness());
    if (!this.hasMore.has(groupId)) {
      const page = await this.client.loadOlder(groupId, PAGE);
      this.hasMore.set(groupId, page.hasMore);
    }
    return {
      group: await this.detail(group),
      messages: this.client.messages(groupId).map((m) => this.threads.view(m)),
      hasMore: this.hasMore.get(groupId) ?? false,
      readSeq: this.unread.readUpTo(groupId),
    };
  }

  async loadOlder({ groupId, beforeSeq }: RequestParams<'loadOlder'>): Promise<{ messages: ChatMessageView[]; hasMore: boolean }> {
    const page = await this.client.loadOlder(groupId, PAGE);
    this.hasMore.set(groupId, page.hasMore);
    return { messages: page.messages.filter((m) => m.seq < beforeSeq).map((m) => this.threads.view(m)), hasMore: page.hasMore };
  }

  async send({ groupId, body, replyTo, msgId, thread }: RequestParams<'send'>): Promise<{ msgId: string }> {
    if (thread) return { msgId: (await this.client.threads.reply(groupId, thread.root, body, { ...(thread.alsoToGroup ? { alsoToGroup: true } : {}), ...(msgId ? { msgId } : {}) })).msgId };
    return { msgId: (await this.client.sendText(groupId, body, { ...(replyTo ? { replyTo } : {}), ...(msgId ? { msgId } : {}) })).msgId };
  }

  /** Share Selection's send: a snippet comes from the editor, never from the webview. */
  async sendSnippet(groupId: string, snippet: SnippetView, comment: string): Promise<{ msgId: string }> {
    return { msgId: (await this.client.sendSnippet(groupId, snippet, comment)).msgId };
  }

  async edit({ groupId, msgId, body }: RequestParams<'edit'>): Promise<{ msgId: string }> {
    return { msgId: (await this.client.editMessage(groupId, msgId, body)).msgId };
  }

  async delete({ groupId, msgId }: RequestParams<'delete'>): Promise<{ msgId: string }> {
    return { msgId: (await this.client.deleteMessage(groupId, msgId)).msgId };
  }

  async react({ groupId, msgId, reaction }: RequestParams<'react'>): Promise<{ msgId: string }> {
    return { msgId: (await this.client.react(groupId, msgId, reaction)).msgId };
  }

  openThread(params: RequestParams<'openThread'>): Promise<ThreadPageView> {
    return this.threads.open(params.groupId, params.msgId);
  }

  async resolve({ groupId, msgId, resolved }: RequestParams<'resolve'>): Promise<{ resolved: boolean }> {
    return { resolved: (await this.client.threads.resolve(groupId, msgId, resolved)).discussion?.resolved === true };
  }

  async markThreadRead({ groupId, root }: RequestParams<'markThreadRead'>): Promise<void> {
    const rootView = this.threads.markRead(groupId, root);
    if (rootView) this.emit({ type: 'message', groupId, message: rootView, unread: false });
  }

  async setAdmin({ groupId, username, admin }: RequestParams<'setAdmin'>): Promise<void> {
    if (admin) await this.client.promote(groupId, username);
    else await this.client.demote(groupId, username);
  }

  async createGroup({ name, members, allowSameName }: RequestParams<'createGroup'>): Promise<CreateGroupResult> {
    try {
      return { groupId: (await this.client.createGroup(name, { members, allowSameName: allowSameName === true })).id };
    } catch (error) {
      if (error instanceof GroupNameTakenError) return { sameNameExists: true };
      throw error;
    }
  }

  async groupHistory({ groupId }: RequestParams<'groupHistory'>): Promise<GroupHistoryView> {
    return toGroupHistoryView(await this.client.groupHistory(groupId));
  }

  async startLog({ groupId }: RequestParams<'startLog'>): Promise<void> {
    // The core refreshes the group afterwards, and 'groups-changed' carries the new state.
    await this.client.startLog(groupId);
  }

  fileLimits(): Promise<FileLimitsView> { return this.files.limits(); }
  async pickFiles({ groupId, requestId }: RequestParams<'pickFiles'>): Promise<void> { this.files.pick(groupId, requestId); }
  sendFile(params: RequestParams<'sendFile'>): Promise<void> { return this.files.send(params); }
  openFile(params: RequestParams<'openFile'>): Promise<void> { return this.files.open(params); }
  saveFile(params: RequestParams<'saveFile'>): Promise<void> { return this.files.save(params); }
  fileText({ groupId, msgId }: RequestParams<'fileText'>): Promise<{ text: string }> { return this.files.text(groupId, msgId); }
  async cancelTransfer({ transferId }: RequestParams<'cancelTransfer'>): Promise<void> { this.files.cancel(transferId); }
  async search({ query, limit }: RequestParams<'search'>): Promise<SearchResultView[]> {
    return this.client.search.search(typeof query === 'string' ? query : '', typeof limit === 'number' ? { limit } : {}).map(toSearchResultView);
  }

  async markRead(groupId: string, seq: number): Promise<void> {
    if (this.unread.markRead(groupId, seq)) this.emit({ type: 'groups', groups: this.groups() });
    await this.client.markRead(groupId, seq);
  }

  typing(groupId: string, empty: boolean): void {
    this.client.presence.typing(groupId, empty);
  }

  onEvent(listener: (event: ChatServiceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.files.dispose();
    for (const off of this.offs) off();
    this.listeners.clear();
  }

  private async detail(g: Group): Promise<GroupDetailView> {
    const trust = new Map<string, KeyTrust>();
    await Promise.all(g.members.map(async (m) => trust.set(m.username, await this.trustOf(m.username))));
    return toGroupDetail(this.summary(g), g, this.username, trust);
  }

  private emitDetail(g: Group): void {
    const run = (this.detailRuns.get(g.id) ?? 0) + 1;
    this.detailRuns.set(g.id, run);
    this.detail(g).then(
      (group) => {
        if (this.detailRuns.get(g.id) === run) this.emit({ type: 'group', group });
      },
      (error: unknown) => this.warn(`Could not show the members of ${g.name}: ${errorMessage(error)}`),
    );
  }

  /** The core keeps trust (pins, safety-number checks); a change Verify Member saw first wins. */
  private async trustOf(username: string): Promise<KeyTrust> {
    if (this.changedKeys.has(username)) return 'changed';
    return this.client.keyTrust(username);
  }

  private emitAwareness(): void {
    const group = this.client.groups().find((g) => g.id === this.watched);
    if (group) this.emit({ type: 'awareness', awareness: toAwarenessView(this.client.presence, group, this.username) });
  }

  private onMessage(m: ChatMessage, isNew: boolean): void {
    const view = this.threads.view(m);
    // A thread reply that is not for this user (not in the timeline, not a thread they are in) counts for nothing.
    const counts = isNew && (!view.threadRoot || view.alsoToGroup === true || view.threadNotifiesMe === true);
    const unread = this.unread.arrived(m.groupId, { seq: m.seq, isNew: counts, isMine: view.isMine, mentionsMe: view.mentionsMe || view.threadNotifiesMe === true });
    if (unread) this.emit({ type: 'groups', groups: this.groups() });
    this.emit({ type: 'message', groupId: m.groupId, message: view, unread });
    // The root's summary line changed with it.
    const root = this.threads.rootView(m);
    if (root) this.emit({ type: 'message', groupId: m.groupId, message: root, unread: false });
  }

  private summary(g: Group): GroupSummaryView {
    return toGroupSummary(g, this.unread.unreadOf(g.id), this.notifyLevel(g));
  }

  private emit(e: ChatServiceEvent): void {
    for (const l of this.listeners) l(e);
  }
}
