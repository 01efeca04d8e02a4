// The chat panel: wires the store, the host connection and the three parts (My Groups,
// Create, Chat). Everything it shows arrives from the host already decrypted.
import {
  Commands,
  DidArriveMessage,
  DidChangeAwareness,
  DidChangeGroup,
  DidChangeGroups,
  DidChangeSession,
  DidChangeVisibility,
  DidFocusGroup,
  DidPickFiles,
  DidProgressFile,
  Requests,
  type PanelAction,
} from '../common/webview-protocol';
import { ChatStore, type StoreChange } from './chat-store';
import { h } from './dom';
import { HostConnection } from './host-connection';
import { HostHeartbeat } from './host-heartbeat';
import { PanelMemory, type SavedPanel } from './panel-memory';
import { fileRequests } from './parts/chat-files';
import { openCodeLinksOnClick } from './parts/code-link-clicks';
import { ChatView } from './parts/chat-view';
import { CreateForm } from './parts/create-form';
import { errorMessage } from '../common/error-message';
import { GroupsList } from './parts/groups-list';
import { loadUntilShown } from './parts/message-finder';
import { SearchBar } from './parts/search-bar';
import { SessionBar } from './parts/session-bar';
import type { Transport } from './transport';

/** How long a message a link opened stays highlighted: long enough to find it on the screen. */
const LINKED_HIGHLIGHT_MS = 4000;

export class ChatApp {
  readonly store = new ChatStore();
  readonly connection: HostConnection;
  private readonly sessionBar: SessionBar;
  private readonly groupsList: GroupsList;
  private readonly createForm: CreateForm;
  private readonly chatView: ChatView;
  private readonly searchBar: SearchBar;
  private readonly welcome: HTMLElement;
  /** Its data-part says which part shows, so a narrow panel shows either the groups or the rest. */
  private readonly layout: HTMLElement;
  private readonly error: HTMLElement;
  private readonly memory: PanelMemory;
  private readonly heartbeat: HostHeartbeat;
  /** What to open once the host lists its groups: the saved panel after a reload, or the open group after the host came back. */
  private reopen: SavedPanel | undefined;
  private hostLost = false;

  constructor(private readonly doc: Document, root: HTMLElement, transport: Transport, timeoutMs?: number, heartbeatMs?: number) {
    this.connection = new HostConnection(transport, timeoutMs);
    const run = (action: PanelAction, groupId?: string, username?: string, msgId?: string) =>
      this.connection.command(Commands.runAction, { action, ...(groupId ? { groupId } : {}), ...(username ? { username } : {}), ...(msgId ? { msgId } : {}) });
    this.sessionBar = new SessionBar(doc, (action) => run(action));
    this.groupsList = new GroupsList(doc, { open: (id) => void this.openGroup(id).then(() => this.chatView.focusInput()), create: () => this.showCreate(), message: () => run('messageMember') });
    this.createForm = new CreateForm(doc, (name, members, allowSameName) => this.createGroup(name, members, allowSameName), () => this.store.showPart(this.store.selectedGroupId ? 'chat' : 'groups'));
    this.chatView = new ChatView(doc, {
      send: (params) => this.connection.request(Requests.send, params),
      edit: (params) => this.connection.request(Requests.edit, params),
      delete: (params) => this.connection.request(Requests.delete, params),
      react: (params) => this.connection.request(Requests.react, params),
      setAdmin: (params) => this.connection.request(Requests.setAdmin, params),
      groupHistory: (params) => this.connection.request(Requests.groupHistory, params),
      startLog: (params) => this.connection.request(Requests.startLog, params),
      openThread: (params) => this.connection.request(Requests.openThread, params),
      markThreadRead: (params) => this.connection.request(Requests.markThreadRead, params),
      resolve: (params) => this.connection.request(Requests.resolve, params),
      loadOlder: (params) => this.loadOlder(params),
      markRead: (groupId, seq) => this.connection.command(Commands.markRead, { groupId, seq }),
      isVisible: () => this.store.panelVisible,
      openSnippet: (s) => this.connection.command(Commands.openSnippet, { path: s.path, startLine: s.startLine, endLine: s.endLine, code: s.code, ...(s.origin ? { origin: s.origin } : {}) }),
      showGroups: () => this.store.showPart('groups'),
      run,
      copyLink: (groupId, msgId) => this.connection.command(Commands.copyMessageLink, { groupId, msgId }),
      typing: (groupId, empty) => this.connection.command(Commands.typing, { groupId, empty }),
      files: fileRequests(this.connection),
    });
    this.welcome = h(doc, 'section', { className: 'part part-welcome' });
    this.error = h(doc, 'p', { className: 'form-error app-error', attrs: { role: 'alert' } });
    const main = h(doc, 'main', { className: 'content' }, this.error, this.welcome, this.createForm.element, this.chatView.element);
    this.layout = h(doc, 'div', { className: 'layout' }, this.groupsList.element, main);
    this.searchBar = new SearchBar(doc, {
      search: (params) => this.connection.request(Requests.search, params),
      open: (r) => void (r.threadRoot ? this.focusThreadReply(r.groupId, r.msgId) : this.focusGroup(r.groupId, r.msgId, r.seq)),
    });
    root.replaceChildren(this.sessionBar.element, this.searchBar.element, this.layout);
    openCodeLinksOnClick(root, (target) => this.connection.command(Commands.openCodeLink, { target }));
    // Ctrl+F (Cmd+F) anywhere in the panel: search every group, not just what is on screen.
    doc.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f' && this.signedIn()) {
        e.preventDefault();
        this.searchBar.open();
      }
    }, true);

    this.memory = new PanelMemory(transport, this.chatView.element);
    const saved = this.memory.read();
    // Set first: restoring the outbox below saves the view, which must not overwrite the saved
    // group and draft before they are reopened.
    if (saved.selectedGroupId) this.reopen = saved;
    // A message taken from the box (Enter) leaves no draft behind: the box is read again.
    this.chatView.queue.onChange(() => {
      this.memory.keepOutbox(this.chatView.queue.saved());
      this.rememberView();
    });
    this.chatView.queue.restore(saved.outbox ?? []);
    this.chatView.emoji.recent.restore(saved.recentEmoji);
    this.chatView.emoji.recent.onChange((recent) => this.memory.keepRecentEmoji(recent));
    this.heartbeat = new HostHeartbeat(this.connection, { lost: () => this.hostGone(true), back: () => this.hostGone(false), tick: () => this.rememberView() }, heartbeatMs);
    this.chatView.element.addEventListener('input', () => this.rememberView());
    // Scroll does not bubble: caught on its way down to the history.
    this.chatView.element.addEventListener('scroll', () => this.rememberView(), true);

    this.store.subscribe((change) => this.render(change));
    this.connection.on(DidChangeSession, ({ session }) => {
      // Locked or signed out with a chat open: it opens again, with its draft, once unlocked.
      const open = this.store.part === 'chat' ? this.store.selectedGroupId : undefined;
      if (open && (session.state === 'locked' || session.state === 'signed-out')) this.reopenLater(open);
      this.store.setSession(session);
    });
    this.connection.on(DidChangeGroups, ({ groups }) => {
      this.store.setGroups(groups);
      this.reopenSaved(groups.map((g) => g.id));
    });
    this.connection.on(DidChangeGroup, ({ group }) => this.store.updateGroup(group));
    this.connection.on(DidArriveMessage, ({ groupId, message }) => this.store.receiveMessage(groupId, message));
    this.connection.on(DidFocusGroup, ({ groupId, msgId }) => void this.focusGroup(groupId, msgId));
    this.connection.on(DidChangeVisibility, ({ visible }) => this.store.setPanelVisible(visible));
    this.connection.on(DidChangeAwareness, ({ awareness }) => this.chatView.awareness.update(awareness));
    this.connection.on(DidPickFiles, ({ groupId, requestId, files }) => this.chatView.files.picked(groupId, requestId, files));
    this.connection.on(DidProgressFile, (progress) => this.chatView.files.progress(progress));
    this.render({ kind: 'session' });
  }

  /** Tells the host it may send state now. Call after construction. */
  start(): void {
    this.connection.command(Commands.ready);
    this.heartbeat.start();
  }

  dispose(): void {
    this.heartbeat.dispose();
    this.connection.dispose();
  }

  /** False when the host refused or did not answer (the error is shown). */
  async openGroup(groupId: string): Promise<boolean> {
    try {
      const page = await this.connection.request(Requests.openGroup, { groupId });
      this.error.textContent = '';
      if (this.reopen?.selectedGroupId !== groupId) this.reopen = undefined;
      this.store.openChat(page);
      // The saved draft goes back in whichever open of the group comes first (a second one
      // racing the reopen must not leave the box empty); an empty box only, so nothing typed is lost.
      if (this.reopen) this.memory.restore(groupId, this.reopen);
      else this.memory.restoreDraft(groupId);
      this.rememberView();
      return true;
    } catch (e) {
      this.error.textContent = errorMessage(e);
      return false;
    }
  }

  /** Opens the group a command named; for a message link or a search result, at that message (older pages loaded as needed). */
  private async focusGroup(groupId: string, msgId: string | undefined, seq?: number): Promise<void> {
    if (!(await this.openGroup(groupId)) || !msgId) return;
    try {
      await loadUntilShown(this.store, groupId, msgId, seq, (params) => this.loadOlder(params));
    } catch (e) {
      this.error.textContent = errorMessage(e);
    }
    this.showLinked(msgId);
  }

  /** A search result in a thread: the group, then the thread beside it with the reply highlighted. */
  private async focusThreadReply(groupId: string, msgId: string): Promise<void> {
    if (!(await this.openGroup(groupId))) return;
    if (await this.chatView.openThreadAt(msgId)) this.showLinked(msgId);
  }

  private async loadOlder(params: { groupId: string; beforeSeq: number }) {
    const page = await this.connection.request(Requests.loadOlder, params);
    this.store.prependOlder(params.groupId, page.messages, page.hasMore);
    return page;
  }

  /** The message a link names: in the middle of the history, focused, and highlighted for a moment. */
  private showLinked(msgId: string): void {
    const article = [...this.chatView.element.querySelectorAll<HTMLElement>('.message')].find((el) => el.dataset.msgId === msgId);
    if (!article) return;
    article.scrollIntoView?.({ block: 'center' });
    article.focus({ preventScroll: true });
    article.classList.add('flash');
    setTimeout(() => article.classList.remove('flash'), LINKED_HIGHLIGHT_MS);
  }

  /** The host went away or a new one answers: say so, hold the send box, and on its return start over with its ready. */
  private hostGone(gone: boolean): void {
    this.connection.setHostGone(gone);
    this.sessionBar.setHostLost(gone);
    this.memory.setInputEnabled(!gone);
    this.hostLost = gone;
    this.connectionChanged();
    if (gone) return;
    const open = this.store.selectedGroupId;
    if (open) this.reopenLater(open);
    this.start();
  }

  /** Keeps what is saved of this chat (draft, scroll) to open it again when the host lists it. */
  private reopenLater(groupId: string): void {
    this.reopen = { ...this.memory.read(), selectedGroupId: groupId };
  }

  private reopenSaved(groupIds: string[]): void {
    const saved = this.reopen;
    const id = saved?.selectedGroupId;
    if (!saved || !id) return;
    if (groupIds.includes(id)) {
      void this.openGroup(id).then((opened) => {
        if (!opened || this.reopen !== saved) return;
        this.reopen = undefined;
        this.memory.restore(id, saved);
        this.rememberView();
      });
    } else if (groupIds.length && this.signedIn()) {
      this.reopen = undefined;
    }
  }

  /** Saved for a reload; not while a saved panel waits to be reopened, which it would overwrite. */
  private rememberView(): void {
    if (!this.reopen) this.memory.remember(this.store.selectedGroupId);
  }

  /** Online with VS Code there: the outbox goes out and a stale "could not reach" error goes; else the outbox waits. */
  private connectionChanged(): void {
    const online = this.store.session.state === 'online' && !this.hostLost;
    if (online) this.error.textContent = '';
    this.chatView.setOnline(online);
  }

  private signedIn(): boolean {
    return this.store.session.state !== 'signed-out' && this.store.session.state !== 'locked';
  }

  private showCreate(): void {
    this.store.showPart('create');
    this.createForm.focus();
  }

  /** False when the user has a group of this name already and must say a second one is meant. */
  private async createGroup(name: string, members: string[], allowSameName: boolean): Promise<boolean> {
    const result = await this.connection.request(Requests.createGroup, { name, members, ...(allowSameName ? { allowSameName } : {}) });
    if (!('groupId' in result)) return false;
    await this.openGroup(result.groupId);
    return true;
  }

  private render(change: StoreChange): void {
    const s = this.store;
    const signedIn = s.session.state !== 'signed-out' && s.session.state !== 'locked';
    switch (change.kind) {
      case 'message':
        if (change.groupId === this.chatView.groupId) this.chatView.messageArrived(change.message, change.isNew);
        break;
      case 'thread-message':
        if (change.groupId === this.chatView.groupId) this.chatView.thread.arrived(change.groupId, change.message);
        break;
      case 'older':
        if (change.groupId === this.chatView.groupId) this.chatView.olderArrived();
        break;
      case 'opened': {
        const chat = s.chats.get(change.groupId);
        if (chat) this.chatView.show(chat, s.session.username);
        break;
      }
      case 'chat':
        if (change.groupId === this.chatView.groupId) this.chatView.updateHeader();
        break;
      case 'session':
        this.sessionBar.update(s.session);
        this.connectionChanged();
        break;
      case 'visibility':
        if (s.panelVisible) this.chatView.markRead();
        break;
      default:
        break;
    }
    this.groupsList.update(s.groups, s.part === 'chat' ? s.selectedGroupId : undefined, signedIn);
    // Signed out or locked, the welcome (what to do, and how) is what a narrow panel shows.
    this.layout.dataset.part = signedIn ? s.part : 'welcome';
    this.renderWelcome(signedIn);
    this.welcome.hidden = signedIn && s.part !== 'groups';
    this.createForm.element.hidden = !signedIn || s.part !== 'create';
    this.chatView.element.hidden = !signedIn || s.part !== 'chat' || !s.selectedChat;
    if (change.kind === 'opened') this.chatView.revealed();
  }

  private renderWelcome(signedIn: boolean): void {
    const s = this.store.session;
    const text = !signedIn
      ? s.state === 'locked'
        ? 'TeamChat is locked. Unlock it with your passphrase to read and send messages.'
        : 'Sign in or sign up to chat with your team. Messages are encrypted on this device; the server stores only ciphertext.'
      : this.store.groups.length
        ? 'Pick a group to open its chat.'
        : 'Create a group to start chatting.';
    this.welcome.replaceChildren(h(this.doc, 'h2', { text: 'TeamChat' }), h(this.doc, 'p', { className: 'hint', text }));
  }
}
