// The webview's state: what the host told it, plus which part of the panel is showing.
// Pure data and small updates, so it is tested without a DOM.
import type {
  ChatMessageView,
  ChatPageView,
  GroupDetailView,
  GroupSummaryView,
  SessionView,
} from '../common/webview-protocol';

export type PanelPart = 'groups' | 'create' | 'chat';

export interface GroupChat {
  group: GroupDetailView;
  /** Ascending by seq, one entry per msgId. */
  messages: ChatMessageView[];
  hasMore: boolean;
  /** How far the user had read when the chat opened (from the host). */
  readSeq?: number;
}

export type StoreChange =
  | { kind: 'session' }
  | { kind: 'groups' }
  | { kind: 'part' }
  | { kind: 'visibility' }
  | { kind: 'opened'; groupId: string }
  | { kind: 'chat'; groupId: string }
  | { kind: 'message'; groupId: string; message: ChatMessageView; isNew: boolean }
  | { kind: 'older'; groupId: string; count: number };

export class ChatStore {
  session: SessionView = { state: 'signed-out' };
  groups: GroupSummaryView[] = [];
  part: PanelPart = 'groups';
  selectedGroupId: string | undefined;
  /** The panel's tab is in front; messages arriving while it is not stay unread. */
  panelVisible = true;
  readonly chats = new Map<string, GroupChat>();
  private readonly listeners = new Set<(change: StoreChange) => void>();

  subscribe(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get selectedChat(): GroupChat | undefined {
    return this.selectedGroupId ? this.chats.get(this.selectedGroupId) : undefined;
  }

  setSession(session: SessionView): void {
    this.session = session;
    if (session.state === 'signed-out') {
      this.groups = [];
      this.chats.clear();
      this.selectedGroupId = undefined;
      this.part = 'groups';
    }
    this.emit({ kind: 'session' });
  }

  /** The host's unread counts are the ones shown (the badge has the same), but a chat on screen is being read. */
  setGroups(groups: GroupSummaryView[]): void {
    this.groups = [...groups].sort((a, b) => a.name.localeCompare(b.name)).map((g) => this.onScreenRead(g));
    for (const id of [...this.chats.keys()]) if (!groups.some((g) => g.id === id)) this.chats.delete(id);
    if (this.selectedGroupId && !this.chats.has(this.selectedGroupId) && !groups.some((g) => g.id === this.selectedGroupId)) {
      this.selectedGroupId = undefined;
      if (this.part === 'chat') this.part = 'groups';
    }
    this.emit({ kind: 'groups' });
  }

  showPart(part: PanelPart): void {
    this.part = part;
    this.emit({ kind: 'part' });
  }

  openChat(page: ChatPageView): void {
    this.chats.set(page.group.id, { group: page.group, messages: sortBySeq(page.messages), hasMore: page.hasMore, ...(page.readSeq !== undefined ? { readSeq: page.readSeq } : {}) });
    this.selectedGroupId = page.group.id;
    this.part = 'chat';
    this.setUnread(page.group.id, 0);
    this.emit({ kind: 'opened', groupId: page.group.id });
  }

  updateGroup(group: GroupDetailView): void {
    const chat = this.chats.get(group.id);
    if (chat) chat.group = group;
    this.groups = this.groups.map((g) => (g.id === group.id ? this.onScreenRead({ ...g, ...pickSummary(group) }) : g));
    this.emit({ kind: 'chat', groupId: group.id });
    this.emit({ kind: 'groups' });
  }

  /** A live message, or a new version of one already shown (edited, deleted). */
  receiveMessage(groupId: string, message: ChatMessageView): void {
    const chat = this.chats.get(groupId);
    let isNew = true;
    if (chat) {
      const at = chat.messages.findIndex((m) => m.msgId === message.msgId);
      isNew = at < 0;
      if (isNew) chat.messages = sortBySeq([...chat.messages, message]);
      else chat.messages[at] = message;
    }
    // The host counts the message as unread and sends the new count just before it (DidChangeGroups).
    if (chat) this.emit({ kind: 'message', groupId, message, isNew });
  }

  /** The user can see this group's chat right now. */
  isShowing(groupId: string): boolean {
    return this.panelVisible && this.part === 'chat' && this.selectedGroupId === groupId;
  }

  setPanelVisible(visible: boolean): void {
    this.panelVisible = visible;
    if (visible && this.selectedGroupId && this.part === 'chat') this.setUnread(this.selectedGroupId, 0);
    this.emit({ kind: 'visibility' });
  }

  prependOlder(groupId: string, messages: ChatMessageView[], hasMore: boolean): void {
    const chat = this.chats.get(groupId);
    if (!chat) return;
    const known = new Set(chat.messages.map((m) => m.msgId));
    const fresh = messages.filter((m) => !known.has(m.msgId));
    chat.messages = sortBySeq([...fresh, ...chat.messages]);
    chat.hasMore = hasMore;
    this.emit({ kind: 'older', groupId, count: fresh.length });
  }

  private onScreenRead(g: GroupSummaryView): GroupSummaryView {
    return this.isShowing(g.id) ? { ...g, unread: 0 } : g;
  }

  private setUnread(groupId: string, unread: number): void {
    this.groups = this.groups.map((g) => (g.id === groupId ? { ...g, unread } : g));
  }

  private emit(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

function sortBySeq(messages: ChatMessageView[]): ChatMessageView[] {
  return [...messages].sort((a, b) => a.seq - b.seq);
}

function pickSummary(g: GroupDetailView): GroupSummaryView {
  return { id: g.id, name: g.name, unread: g.unread, notify: g.notify, isAdmin: g.isAdmin, memberCount: g.memberCount, needsRotation: g.needsRotation, verification: g.verification, ...(g.dm ? { dm: { ...g.dm } } : {}) };
}
