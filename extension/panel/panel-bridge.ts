// The host side of the webview protocol: answers the webview's requests from the ChatService,
// forwards session events as notifications, and hands VS Code-only actions to the caller.
// It knows nothing of vscode.*, so it is unit-tested with a fake webview.
import {
  Commands,
  DidArriveMessage,
  DidChangeAwareness,
  DidChangeGroup,
  DidChangeGroups,
  DidChangeSession,
  DidFocusGroup,
  DidChangeVisibility,
  DidAnswerPing,
  DidPickFiles,
  DidProgressFile,
  PANEL_ACTIONS,
  REPLY_METHOD,
  Requests,
  isIpcMessage,
  namesByMethod,
  type CommandReceivers,
  type IpcNotification,
  type IpcReply,
  type PanelAction,
  type RequestHandlers,
  type RequestParams,
  type SessionView,
} from '../../common/webview-protocol';
import { NotSignedInError, TeamChatClientError } from '../../client/errors';
import { parseCodeLinkTarget, type CodeLinkTarget } from '../../common/code/code-links';
import { errorMessage } from '../../common/error-message';
import type { ChatService, ChatServiceEvent } from '../chat-service';
import type { SnippetOrigin } from '../../common/messages/snippet-origin';
import { isMessageRef, type MessageRef } from '../message-links';

export interface SnippetTarget {
  path: string;
  startLine: number;
  endLine: number;
  /** The shared text and its origin, so the host can find the lines where they are now (extension/code/snippet-opener.ts). */
  code?: string;
  origin?: SnippetOrigin;
}

export interface PanelHost {
  post(message: unknown): void;
  runAction(action: PanelAction, args: { groupId?: string; username?: string; msgId?: string }): void;
  openSnippet(target: SnippetTarget): void;
  /** A code link the panel showed (src/a.ts:3, a commit, #12), checked again here: opened in the reader's own clone. */
  openCodeLink?(target: CodeLinkTarget): void;
  /** Puts the message's link (ids only) on the clipboard. */
  copyMessageLink(ref: MessageRef): void;
  /** The session view when there is no ChatService (signed out or locked). */
  sessionWithoutChat(): SessionView;
  /** A failure the bridge deliberately does not show the user, for the output channel. */
  warn(line: string): void;
  /** The panel opened this group's chat (kept so a chat that must be rebuilt opens it again). */
  groupOpened?(groupId: string): void;
}

const NOT_SIGNED_IN = 'TeamChat is locked or signed out: unlock it, or sign in, from the top of the chat.';

/** The webview asked for a request this host has no entry for (a panel newer than the extension). */
class UnknownRequestError extends TeamChatClientError {
  /** For the output channel only. */
  readonly method: string;
  constructor(method: string) {
    super('This chat panel is newer than the TeamChat extension running it: reload the window, or update the extension.');
    this.method = method;
  }
}

const COMMAND_NAMES = namesByMethod(Commands);
const REQUEST_NAMES = namesByMethod(Requests);

export class PanelBridge {
  private session: ChatService | undefined;
  private unsubscribe: (() => void) | undefined;
  private ready = false;
  /** Notifications made before the webview said ready; only the latest state matters. */
  private pendingFocus: { groupId: string; msgId?: string } | undefined;
  private opened: string | undefined;
  /** A webview starts out thinking it is seen; one that says ready while hidden is told it is not. */
  private visible = true;

  constructor(private readonly host: PanelHost) {}

  setSession(session: ChatService | undefined): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.session = session;
    if (session) this.unsubscribe = session.onEvent((e) => this.forward(e));
    if (this.ready) this.sendState();
  }

  /** The webview was (re)created: wait for its ready before sending anything. */
  webviewReset(): void {
    this.ready = false;
    this.opened = undefined;
  }

  /** The group whose chat the panel opened last: the chat it shows while it is visible. */
  get openGroupId(): string | undefined {
    return this.opened;
  }

  visibilityChanged(visible: boolean): void {
    this.visible = visible;
    if (this.ready) this.notify(DidChangeVisibility, { visible });
  }

  /** Shows the group; with a message id, scrolls to that message and highlights it. */
  focusGroup(groupId: string, msgId?: string): void {
    const focus = { groupId, ...(msgId ? { msgId } : {}) };
    if (this.ready) this.notify(DidFocusGroup, focus);
    else this.pendingFocus = focus;
  }

  dispose(): void {
    this.unsubscribe?.();
  }

  async receive(msg: unknown): Promise<void> {
    if (!isIpcMessage(msg)) return;
    const command = COMMAND_NAMES.get(msg.method);
    if (command) return receiveWith(this.commands, command, msg.params);
    // Only a message with an id is waited for; without one there is nobody to answer.
    if (msg.id) await this.answer(msg.id, msg.method, msg.params);
  }

  /** What the webview tells the host without waiting; the type requires one per command. */
  private readonly commands: CommandReceivers = {
    ready: () => {
      this.ready = true;
      this.sendState();
      if (!this.visible) this.notify(DidChangeVisibility, { visible: false });
      if (this.pendingFocus) this.notify(DidFocusGroup, this.pendingFocus);
      this.pendingFocus = undefined;
    },
    markRead: async ({ groupId, seq }) => {
      await this.session?.markRead(groupId, seq).catch((error: unknown) => this.host.warn(`Could not mark the group read: ${errorMessage(error)}`));
    },
    typing: ({ groupId, empty }) => {
      if (typeof groupId === 'string') this.session?.typing?.(groupId, empty === true);
    },
    openSnippet: (target) => this.host.openSnippet(target),
    openCodeLink: (params) => {
      const checked = parseCodeLinkTarget((params as { target?: unknown } | undefined)?.target);
      if (checked) this.host.openCodeLink?.(checked);
    },
    copyMessageLink: (ref) => {
      if (isMessageRef(ref)) this.host.copyMessageLink({ groupId: ref.groupId, msgId: ref.msgId });
    },
    runAction: ({ action, groupId, username, msgId }) => {
      if (!PANEL_ACTIONS.includes(action)) return;
      this.host.runAction(action, { ...(groupId ? { groupId } : {}), ...(username ? { username } : {}), ...(typeof msgId === 'string' ? { msgId } : {}) });
    },
    // Answered before ready and without a session: a panel left by an earlier host finds this one by it.
    ping: ({ n }) => this.notify(DidAnswerPing, { n }),
  };

  /** Every request gets exactly one reply, at once when its method is not one we answer. */
  private async answer(id: string, method: string, params: unknown): Promise<void> {
    let reply: IpcReply;
    try {
      const name = REQUEST_NAMES.get(method);
      if (!name) throw new UnknownRequestError(method);
      if (!this.session) throw new NotSignedInError(NOT_SIGNED_IN);
      reply = { method: REPLY_METHOD, id, result: await handleWith(this.session, name, params) };
      if (name === 'openGroup') {
        this.opened = (params as RequestParams<'openGroup'>).groupId;
        this.host.groupOpened?.(this.opened);
      }
    } catch (e) {
      if (e instanceof UnknownRequestError) this.host.warn(`The chat panel asked for "${e.method}", which this extension does not answer.`);
      reply = { method: REPLY_METHOD, id, error: errorMessage(e) };
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

  private forward(e: ChatServiceEvent): void {
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
      case 'awareness':
        this.notify(DidChangeAwareness, { awareness: e.awareness });
        break;
      case 'file-progress':
        this.notify(DidProgressFile, e.progress);
        break;
      case 'files-picked':
        this.notify(DidPickFiles, { groupId: e.groupId, requestId: e.requestId, files: e.files });
        break;
    }
  }

  private notify<P>(type: IpcNotification<P>, params: P): void {
    this.host.post({ method: type.method, params });
  }
}

// The wire gives no more than `unknown` params, as before: the table's type, not a check here,
// is what ties a method to its handler's params.
function handleWith(handlers: RequestHandlers, name: keyof RequestHandlers, params: unknown): Promise<unknown> {
  return (handlers as unknown as Record<string, (params: unknown) => Promise<unknown>>)[name]!(params);
}

function receiveWith(receivers: CommandReceivers, name: keyof CommandReceivers, params: unknown): void | Promise<void> {
  return (receivers as unknown as Record<string, (params: unknown) => void | Promise<void>>)[name]!(params);
}
