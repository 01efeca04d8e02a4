// The chat panel: wires the store, the host connection and the three parts (My Groups,
// Create, Chat). Everything it shows arrives from the host already decrypted.
import {
  Commands,
  DidArriveMessage,
  DidChangeGroup,
  DidChangeGroups,
  DidChangeSession,
  DidChangeVisibility,
  DidFocusGroup,
  Requests,
  type PanelAction,
} from '../common/webview-protocol';
import { ChatStore, type StoreChange } from './chat-store';
import { h } from './dom';
import { HostConnection } from './host-connection';
import { ChatView } from './parts/chat-view';
import { CreateForm } from './parts/create-form';
import { errorMessage } from '../common/error-message';
import { GroupsList } from './parts/groups-list';
import { SessionBar } from './parts/session-bar';
import type { Transport } from './transport';

interface SavedState {
  selectedGroupId?: string;
}

export class ChatApp {
  readonly store = new ChatStore();
  readonly connection: HostConnection;
  private readonly sessionBar: SessionBar;
  private readonly groupsList: GroupsList;
  private readonly createForm: CreateForm;
  private readonly chatView: ChatView;
  private readonly welcome: HTMLElement;
  private readonly error: HTMLElement;

  constructor(private readonly doc: Document, root: HTMLElement, private readonly transport: Transport, timeoutMs?: number) {
    this.connection = new HostConnection(transport, timeoutMs);
    const run = (action: PanelAction, groupId?: string, username?: string) =>
      this.connection.command(Commands.runAction, { action, ...(groupId ? { groupId } : {}), ...(username ? { username } : {}) });
    this.sessionBar = new SessionBar(doc, (action) => run(action));
    this.groupsList = new GroupsList(doc, { open: (id) => void this.openGroup(id).then(() => this.chatView.focusInput()), create: () => this.showCreate() });
    this.createForm = new CreateForm(doc, (name, members) => this.createGroup(name, members), () => this.store.showPart(this.store.selectedGroupId ? 'chat' : 'groups'));
    this.chatView = new ChatView(doc, {
      send: (params) => this.connection.request(Requests.send, params),
      edit: (params) => this.connection.request(Requests.edit, params),
      delete: (params) => this.connection.request(Requests.delete, params),
      react: (params) => this.connection.request(Requests.react, params),
      setAdmin: (params) => this.connection.request(Requests.setAdmin, params),
      groupHistory: (params) => this.connection.request(Requests.groupHistory, params),
      startLog: (params) => this.connection.request(Requests.startLog, params),
      loadOlder: async (params) => {
        const page = await this.connection.request(Requests.loadOlder, params);
        this.store.prependOlder(params.groupId, page.messages, page.hasMore);
        return page;
      },
      markRead: (groupId, seq) => this.connection.command(Commands.markRead, { groupId, seq }),
      isVisible: () => this.store.panelVisible,
      openSnippet: (s) => this.connection.command(Commands.openSnippet, { path: s.path, startLine: s.startLine, endLine: s.endLine }),
      run,
    });
    this.welcome = h(doc, 'section', { className: 'part part-welcome' });
    this.error = h(doc, 'p', { className: 'form-error app-error', attrs: { role: 'alert' } });
    const main = h(doc, 'main', { className: 'content' }, this.error, this.welcome, this.createForm.element, this.chatView.element);
    root.replaceChildren(this.sessionBar.element, h(doc, 'div', { className: 'layout' }, this.groupsList.element, main));

    this.store.subscribe((change) => this.render(change));
    this.connection.on(DidChangeSession, ({ session }) => this.store.setSession(session));
    this.connection.on(DidChangeGroups, ({ groups }) => {
      this.store.setGroups(groups);
      const saved = transport.getState() as SavedState | undefined;
      if (!this.store.selectedGroupId && saved?.selectedGroupId && groups.some((g) => g.id === saved.selectedGroupId)) void this.openGroup(saved.selectedGroupId);
    });
    this.connection.on(DidChangeGroup, ({ group }) => this.store.updateGroup(group));
    this.connection.on(DidArriveMessage, ({ groupId, message }) => this.store.receiveMessage(groupId, message));
    this.connection.on(DidFocusGroup, ({ groupId }) => void this.openGroup(groupId));
    this.connection.on(DidChangeVisibility, ({ visible }) => this.store.setPanelVisible(visible));
    this.render({ kind: 'session' });
  }

  /** Tells the host it may send state now. Call after construction. */
  start(): void {
    this.connection.command(Commands.ready);
  }

  async openGroup(groupId: string): Promise<void> {
    try {
      const page = await this.connection.request(Requests.openGroup, { groupId });
      this.error.textContent = '';
      this.store.openChat(page);
      this.transport.setState({ selectedGroupId: groupId } satisfies SavedState);
    } catch (e) {
      this.error.textContent = errorMessage(e);
    }
  }

  private showCreate(): void {
    this.store.showPart('create');
    this.createForm.focus();
  }

  private async createGroup(name: string, members: string[]): Promise<void> {
    const { groupId } = await this.connection.request(Requests.createGroup, { name, members });
    await this.openGroup(groupId);
  }

  private render(change: StoreChange): void {
    const s = this.store;
    const signedIn = s.session.state !== 'signed-out' && s.session.state !== 'locked';
    switch (change.kind) {
      case 'message':
        if (change.groupId === this.chatView.groupId) this.chatView.messageArrived(change.message, change.isNew);
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
        break;
      case 'visibility':
        if (s.panelVisible) this.chatView.markRead();
        break;
      default:
        break;
    }
    this.groupsList.update(s.groups, s.part === 'chat' ? s.selectedGroupId : undefined, signedIn);
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
