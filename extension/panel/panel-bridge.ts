// The host side of the webview protocol: answers the webview's requests from the ChatSession,
// forwards session events as notifications, and hands VS Code-only actions to the caller.
// It knows nothing of vscode.*, so it is unit-tested with a fake webview.
import {
  CreateGroup,
  DidArriveMessage,
  DidChangeGroup,
  DidChangeGroups,
  DidChangeSession,
  DidFocusGroup,
  DidChangeVisibility,
  LoadOlder,
  MarkRead,
  OpenGroup,
  OpenSnippet,
  PANEL_ACTIONS,
  REPLY_METHOD,
  Ready,
  RunAction,
  SendMessage,
  EditMessage,
  DeleteMessage,
  ReactToMessage,
  SetAdmin,
  isIpcMessage,
  type IpcNotification,
  type IpcReply,
  type IpcRequest,
  type PanelAction,
  type SessionView,
} from '../../common/webview-protocol';
import { NotSignedInError } from '../../client/errors';
import { errorMessage } from '../../common/error-message';
import type { ChatSession, ChatSessionEvent } from '../chat-session';

export interface PanelHost {
  post(message: unknown): void;
  runAction(action: PanelAction, args: { groupId?: string; username?: string }): void;
  openSnippet(target: { path: string; startLine: number; endLine: number }): void;
  /** The session view when there is no ChatSession (signed out or locked). */
  sessionWithoutChat(): SessionView;
  /** A failure the bridge deliberately does not show the user, for the output channel. */
  warn(line: string): void;
}

const NOT_SIGNED_IN = 'You are not signed in to TeamChat: run "TeamChat: Sign In" first.';

export class PanelBridge {
  private session: ChatSession | undefined;
  private unsubscribe: (() => void) | undefined;
  private ready = false;
  /** Notifications made before the webview said ready; only the latest state matters. */
  private pendingFocus: string | undefined;

  constructor(private readonly host: PanelHost) {}

  get isReady(): boolean {
    return this.ready;
  }

  setSession(session: ChatSession | undefined): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.session = session;
    if (session) this.unsubscribe = session.onEvent((e) => this.forward(e));
    if (this.ready) this.sendState();
  }

  /** The webview was (re)created: wait for its ready before sending anything. */
  webviewReset(): void {
    this.ready = false;
  }

  visibilityChanged(visible: boolean): void {
    if (this.ready) this.notify(DidChangeVisibility, { visible });
  }

  focusGroup(groupId: string): void {
    if (this.ready) this.notify(DidFocusGroup, { groupId });
    else this.pendingFocus = groupId;
  }

  dispose(): void {
    this.unsubscribe?.();
  }

  async receive(msg: unknown): Promise<void> {
    if (!isIpcMessage(msg)) return;
    if (Ready.is(msg)) {
      this.ready = true;
      this.sendState();
      if (this.pendingFocus) this.notify(DidFocusGroup, { groupId: this.pendingFocus });
      this.pendingFocus = undefined;
      return;
    }
    if (MarkRead.is(msg)) {
      await this.session?.markRead(msg.params.groupId, msg.params.seq).catch((error: unknown) => this.host.warn(`Could not mark the group read: ${errorMessage(error)}`));
      return;
    }
    if (OpenSnippet.is(msg)) {
      this.host.openSnippet(msg.params);
      return;
    }
    if (RunAction.is(msg)) {
      if (!PANEL_ACTIONS.includes(msg.params.action)) return;
      const { groupId, username } = msg.params;
      this.host.runAction(msg.params.action, { ...(groupId ? { groupId } : {}), ...(username ? { username } : {}) });
      return;
    }
    if (OpenGroup.is(msg)) return this.answer(msg, OpenGroup, (s) => s.openGroup(msg.params.groupId));
    if (LoadOlder.is(msg)) return this.answer(msg, LoadOlder, (s) => s.loadOlder(msg.params.groupId, msg.params.beforeSeq));
    if (SendMessage.is(msg)) return this.answer(msg, SendMessage, (s) => s.send(msg.params.groupId, msg.params.body, undefined, msg.params.replyTo));
    if (EditMessage.is(msg)) return this.answer(msg, EditMessage, (s) => s.edit(msg.params.groupId, msg.params.msgId, msg.params.body));
    if (DeleteMessage.is(msg)) return this.answer(msg, DeleteMessage, (s) => s.delete(msg.params.groupId, msg.params.msgId));
    if (ReactToMessage.is(msg)) return this.answer(msg, ReactToMessage, (s) => s.react(msg.params.groupId, msg.params.msgId, msg.params.reaction));
    if (SetAdmin.is(msg)) return this.answer(msg, SetAdmin, (s) => s.setAdmin(msg.params.groupId, msg.params.username, msg.params.admin));
    if (CreateGroup.is(msg)) return this.answer(msg, CreateGroup, (s) => s.createGroup(msg.params.name, msg.params.members));
  }

  private async answer<P, R>(msg: { id?: string }, _type: IpcRequest<P, R>, work: (s: ChatSession) => Promise<R>): Promise<void> {
    if (!msg.id) return;
    let reply: IpcReply;
    try {
      if (!this.session) throw new NotSignedInError(NOT_SIGNED_IN);
      reply = { method: REPLY_METHOD, id: msg.id, result: await work(this.session) };
    } catch (e) {
      reply = { method: REPLY_METHOD, id: msg.id, error: errorMessage(e) };
    }
    this.host.post(reply);
  }

  private sendState(): void {
    const s = this.session;
    this.notify(DidChangeSession, {
      session: s ? { state: s.connectionState(), username: s.username, serverUrl: s.serverUrl } : this.host.sessionWithoutChat(),
    });
    this.notify(DidChangeGroups, { groups: s ? s.groups() : [] });
  }

  private forward(e: ChatSessionEvent): void {
    if (!this.ready) return;
    const s = this.session;
    switch (e.type) {
      case 'connection':
        if (s) this.notify(DidChangeSession, { session: { state: e.state, username: s.username, serverUrl: s.serverUrl } });
        break;
      case 'groups':
        this.notify(DidChangeGroups, { groups: e.groups });
        break;
      case 'group':
        this.notify(DidChangeGroup, { group: e.group });
        break;
      case 'message':
        this.notify(DidArriveMessage, { groupId: e.groupId, message: e.message });
        break;
    }
  }

  private notify<P>(type: IpcNotification<P>, params: P): void {
    this.host.post({ method: type.method, params });
  }
}
