// "Chat": the history (older pages load as you scroll up), live messages announced to screen
// readers, the member list, the messages on their way and the send box. The header
// (chat-header.ts), the group's change history (group-history.ts), the composer (composer.ts),
// the send queue (send-queue.ts) and message editing (message-editing.ts) are parts of their own.
import type { ChatMessageView, PanelAction, RequestHandlers, SnippetView } from '../../common/webview-protocol';
import type { GroupChat } from '../chat-store';
import { h } from '../dom';
import { errorMessage } from '../../common/error-message';
import { renderMessage } from '../render/message';
import { ChangeNotes } from './change-notes';
import { ChatAwareness } from './chat-awareness';
import { ChangesCache } from './changes-cache';
import { ChatFiles, type FileRequests } from './chat-files';
import { ChatHeader } from './chat-header';
import { completeAsYouType } from './complete-as-you-type';
import { Composer } from './composer';
import { EmojiPicker } from './emoji-picker';
import { GroupHistoryPanel } from './group-history';
import { MembersList } from './members-list';
import { MessageEditor, confirmDelete } from './message-editing';
import { OlderPages } from './older-pages';
import { PendingMessages } from './pending-messages';
import { ReadPosition } from './read-position';
import { SendQueue } from './send-queue';
import { ThreadPanel } from './thread-panel';
import { arrangeTimeline } from './timeline-grouping';

/** The host requests the chat makes take their shape from `Requests`; the rest is local. */
export interface ChatActions extends Pick<RequestHandlers, 'send' | 'edit' | 'delete' | 'react' | 'setAdmin' | 'loadOlder' | 'groupHistory' | 'startLog' | 'openThread' | 'markThreadRead' | 'resolve'> {
  markRead(groupId: string, seq: number): void;
  /** The panel is in front, so what arrives is seen. */
  isVisible(): boolean;
  openSnippet(snippet: SnippetView): void;
  run(action: PanelAction, groupId: string, username?: string, msgId?: string): void;
  /** Narrow: back from the chat to the list of groups. */
  showGroups(): void;
  copyLink(groupId: string, msgId: string): void;
  /** A key pressed in the composer (`empty`: it is empty now). */
  typing(groupId: string, empty: boolean): void;
  files: FileRequests;
}

export class ChatView {
  readonly element: HTMLElement;
  private readonly header: ChatHeader;
  private readonly changes: GroupHistoryPanel;
  private readonly main: HTMLElement;
  private readonly history: HTMLElement;
  private readonly log: HTMLElement;
  private readonly older: OlderPages;
  private readonly composer: Composer;
  readonly emoji: EmojiPicker;
  /** Attachments: the tray, transfers and the file cards' actions. */
  readonly files: ChatFiles;
  /** The outbox, which the app keeps over a reload. */
  readonly queue: SendQueue;
  private readonly pending: PendingMessages;
  private readonly editor: MessageEditor;
  private readonly sendError: HTMLElement;
  private readonly members: MembersList;
  private readonly changesCache: ChangesCache;
  private readonly notes: ChangeNotes;
  private readonly reads: ReadPosition;
  readonly thread: ThreadPanel;
  /** Typing line, presence dots and "Seen by". */
  readonly awareness: ChatAwareness;
  private readonly rendered = new Map<string, HTMLElement>();
  private chat: GroupChat | undefined;
  private me: string | undefined;

  constructor(private readonly doc: Document, private readonly actions: ChatActions) {
    this.header = new ChatHeader(doc, {
      run: (action, groupId) => actions.run(action, groupId),
      startLog: (groupId) => actions.startLog({ groupId }),
      showHistory: () => void this.showChanges(),
      toggleMembers: () => this.members.toggle(),
      membersShown: () => this.members.shown,
      back: () => actions.showGroups(),
    });
    this.changesCache = new ChangesCache(actions);
    this.changes = new GroupHistoryPanel(doc, this.changesCache, () => this.hideChanges());
    this.older = new OlderPages(doc, actions.loadOlder, () => this.chat, (message) => (this.sendError.textContent = message));
    this.log = h(doc, 'div', { className: 'message-log', attrs: { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-labelledby': 'chat-title' } });
    this.queue = new SendQueue(actions.send, (groupId) => groupId === this.groupId && this.showPending());
    this.pending = new PendingMessages(doc, { retry: (key) => this.queue.retry(key), discard: (key) => this.queue.discard(key) });
    this.history = h(doc, 'div', { className: 'history', attrs: { tabindex: '0' } }, this.older.button, this.log, this.pending.element);
    this.older.watch(this.history);
    const marks = { log: this.log, history: this.history, messages: () => this.chat?.messages ?? [], element: (msgId: string) => this.rendered.get(msgId) };
    this.notes = new ChangeNotes(doc, this.changesCache, marks);
    this.reads = new ReadPosition(doc, { ...marks, canRead: () => actions.isVisible() && !this.element.hidden, markRead: (seq) => this.chat && actions.markRead(this.chat.group.id, seq) });
    this.emoji = new EmojiPicker(doc);
    this.composer = new Composer(doc, { submit: (body, replyTo) => this.send(body, replyTo), editLast: () => this.editLast(), pickEmoji: (...args) => this.emoji.open(...args) });
    this.editor = new MessageEditor(doc, {
      save: (msg, body) => this.act(() => this.actions.edit({ groupId: this.chat!.group.id, msgId: msg.msgId, body })),
      closed: () => this.focusInput(),
    });
    this.sendError = h(doc, 'p', { className: 'form-error', attrs: { role: 'alert' } });
    this.files = new ChatFiles(doc, actions.files, { groupId: () => this.groupId, article: (id) => this.rendered.get(id), error: (m) => (this.sendError.textContent = m) });
    this.members = new MembersList(
      doc,
      (action, username) => this.chat && actions.run(action, this.chat.group.id, username),
      (username, admin) => (this.chat ? actions.setAdmin({ groupId: this.chat.group.id, username, admin }) : Promise.resolve()),
    );
    // "@bob" in a message: a click opens the direct message with bob (markdown-inline.ts marks it).
    this.log.addEventListener('click', (e) => {
      const target = e.target as Partial<HTMLElement> | null;
      const mention = typeof target?.closest === 'function' ? target.closest<HTMLElement>('.mention[data-username]') : null;
      if (mention?.dataset.username && this.chat) actions.run('messageMember', this.chat.group.id, mention.dataset.username);
    });
    this.awareness = new ChatAwareness(doc, { members: this.members.element, titleLine: this.header.element.querySelector('.chat-title-line'), chat: () => this.chat, me: () => this.me, typing: actions.typing });
    this.awareness.watch(this.composer.element);
    this.history.insertBefore(this.awareness.seenByElement, this.pending.element);
    this.main = h(doc, 'div', { className: 'chat-main' }, this.header.banners, this.history, this.reads.jumpButton, this.sendError, this.files.transfers.uploads, this.files.tray.element, this.awareness.typingElement, this.composer.replyBar, this.composer.element);
    this.composer.element.append(this.emoji.element);
    this.composer.element.querySelector('.emoji-button')?.before(this.files.attachButton);
    this.files.accept(this.main);
    this.thread = new ThreadPanel(doc, { ...actions, pickEmoji: (...args) => this.emoji.open(...args), closed: () => this.focusInput(), refused: (m) => (this.sendError.textContent = m) }, this.main);
    completeAsYouType(doc, this.main, () => this.chat?.group.members ?? [], this.emoji.recent);
    this.element = h(
      doc,
      'section',
      { className: 'part part-chat', attrs: { 'aria-labelledby': 'chat-title' } },
      this.header.element,
      h(doc, 'div', { className: 'chat-body' }, this.main, this.changes.element, this.members.element),
    );
  }

  get groupId(): string | undefined {
    return this.chat?.group.id;
  }

  /** Shows a whole chat afresh: a different group, or the same one reopened. */
  show(chat: GroupChat, me: string | undefined): void {
    const switched = this.chat?.group.id !== chat.group.id;
    this.chat = chat;
    this.me = me;
    this.updateHeader();
    this.editor.cancel();
    this.rendered.clear();
    this.log.replaceChildren(...chat.messages.map((m) => this.renderOne(m)));
    this.notes.place();
    arrangeTimeline(this.log, chat.messages);
    this.reads.reset(chat.readSeq);
    this.older.update(chat.hasMore);
    this.showPending();
    this.files.showGroup(chat.group.id, switched);
    if (switched) {
      this.thread.close();
      this.composer.clear();
      this.hideChanges();
    }
    this.scrollToBottom();
  }

  updateHeader(): void {
    const chat = this.chat;
    if (!chat) return;
    const g = chat.group;
    this.header.update(g);
    this.members.update(g.members, g.isAdmin, g.dm !== undefined);
    this.changesCache.track(g.id, g.verification);
    void this.notes.groupChanged(g);
    void this.changes.groupChanged(g);
    this.awareness.refresh();
  }

  /** The group's change history takes the messages' place until closed. */
  private async showChanges(): Promise<void> {
    const g = this.chat?.group;
    if (!g) return;
    this.main.hidden = true;
    await this.changes.open(g.id, g.name, g.verification);
  }

  private hideChanges(): void {
    if (this.changes.openFor === undefined) return;
    this.changes.close();
    this.main.hidden = false;
    this.focusInput();
  }

  messageArrived(message: ChatMessageView, isNew: boolean): void {
    if (!this.chat) return;
    this.thread.arrived(this.chat.group.id, message);
    const old = isNew ? undefined : this.rendered.get(message.msgId);
    const el = this.renderOne(message);
    if (old) {
      old.replaceWith(el);
      arrangeTimeline(this.log, this.chat.messages);
      if (this.editor.editingId === message.msgId) {
        if (message.deleted) this.editor.cancel();
        else this.editor.adopt(el);
      }
      return;
    }
    const atBottom = this.isNearBottom();
    const next = this.chat.messages.find((m) => m.seq > message.seq);
    const before = next ? this.rendered.get(next.msgId) : undefined;
    if (before) this.log.insertBefore(el, before);
    else this.log.append(el);
    if (atBottom || message.isMine) this.scrollToBottom();
    this.notes.place();
    arrangeTimeline(this.log, this.chat.messages);
    this.awareness.refresh();
    this.reads.arrived(message, atBottom);
  }

  olderArrived(): void {
    const chat = this.chat;
    if (!chat) return;
    const heightBefore = this.history.scrollHeight;
    const topBefore = this.history.scrollTop;
    const fresh = chat.messages.filter((m) => !this.rendered.has(m.msgId));
    const first = this.log.firstChild;
    for (const m of fresh) this.log.insertBefore(this.renderOne(m), first);
    this.older.update(chat.hasMore);
    this.notes.place();
    arrangeTimeline(this.log, chat.messages);
    this.reads.place();
    // Keep the message the reader was looking at in place while the page above it grows.
    this.history.scrollTop = topBefore + (this.history.scrollHeight - heightBefore);
  }

  /** Opens the thread a reply belongs to (a search result), the reply in view; false if the thread did not open. */
  openThreadAt(msgId: string): Promise<boolean> {
    return this.chat ? this.thread.open(this.chat.group.id, this.chat.group.name, msgId, this.me) : Promise.resolve(false);
  }

  focusInput(): void {
    this.composer.focus();
  }

  /** The connection came back (the outbox goes out and a stale error goes) or went (it waits). */
  setOnline(online: boolean): void {
    if (online) this.sendError.textContent = '';
    this.queue.setOnline(online);
  }

  private send(body: string, replyTo: string | undefined): void {
    if (!this.chat) return;
    this.queue.add({ groupId: this.chat.group.id, body, ...(replyTo ? { replyTo } : {}) });
    this.scrollToBottom();
  }

  private showPending(): void {
    const atBottom = this.isNearBottom();
    this.pending.show(this.chat ? this.queue.of(this.chat.group.id) : [], this.me);
    if (atBottom) this.scrollToBottom();
  }

  /** Up-arrow in an empty composer: the newest message of yours that can still be edited. */
  private editLast(): boolean {
    const mine = this.chat?.messages.filter((m) => m.isMine && !m.deleted && m.integrity === 'ok').at(-1);
    const article = mine && this.rendered.get(mine.msgId);
    if (!mine || !article) return false;
    article.scrollIntoView?.({ block: 'nearest' });
    this.editor.start(article, mine);
    return true;
  }

  private renderOne(m: ChatMessageView): HTMLElement {
    const el = renderMessage(this.doc, m, this.me, {
      openSnippet: (s) => this.actions.openSnippet(s),
      reply: (msg) => this.composer.startReply(msg),
      edit: (msg) => this.editor.start(this.rendered.get(msg.msgId), msg),
      delete: (msg) => confirmDelete(this.doc, this.rendered.get(msg.msgId), () => void this.act(() => this.actions.delete({ groupId: this.chat!.group.id, msgId: msg.msgId }))),
      react: (msg, reaction) => void this.act(() => this.actions.react({ groupId: this.chat!.group.id, msgId: msg.msgId, reaction })),
      pickEmoji: (...args) => this.emoji.open(...args),
      copyLink: (msg) => this.chat && this.actions.copyLink(this.chat.group.id, msg.msgId),
      jumpTo: (msgId) => this.jumpTo(msgId),
      find: (msgId) => this.chat?.messages.find((x) => x.msgId === msgId),
      file: this.files.card,
      diff: {
        openDiff: (msg) => this.chat && this.actions.run('openDiff', this.chat.group.id, undefined, msg.msgId),
        applyDiff: (msg) => this.chat && this.actions.run('applyDiff', this.chat.group.id, undefined, msg.msgId),
      },
      replyInThread: (msg) => this.chat && void this.thread.open(this.chat.group.id, this.chat.group.name, msg.msgId, this.me),
    });
    this.rendered.set(m.msgId, el);
    return el;
  }

  /** Runs a message action; a refusal shows below the history. True when the host took it. */
  private async act(action: () => Promise<unknown>): Promise<boolean> {
    if (!this.chat) return false;
    this.sendError.textContent = '';
    try {
      await action();
      return true;
    } catch (e) {
      this.sendError.textContent = errorMessage(e);
      return false;
    }
  }

  private jumpTo(msgId: string): void {
    const target = this.rendered.get(msgId);
    if (!target) return;
    target.scrollIntoView?.({ block: 'center' });
    target.classList.add('flash');
    target.focus();
    setTimeout(() => target.classList.remove('flash'), 1200);
  }

  /** Just made visible: start at the newest message, which is now seen. */
  revealed(): void {
    this.scrollToBottom();
    this.markRead();
  }

  /** Marks read what is on screen, if the user can see it. */
  markRead(): void {
    this.reads.seen();
  }

  private isNearBottom(): boolean {
    return this.history.scrollHeight - this.history.scrollTop - this.history.clientHeight < 40;
  }

  private scrollToBottom(): void {
    this.history.scrollTop = this.history.scrollHeight;
  }
}
