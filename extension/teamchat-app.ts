// The extension's parts in one place: account, the chat (editor tab and side view, each with
// its bridge), status bar, groups view and message notifications. Commands reach everything
// through this object.
import * as vscode from 'vscode';
import { mayInvite } from '../client/admin/join-code';
import type { GroupView } from '../common/api';
import type { PanelAction } from '../common/webview-protocol';
import { AccountManager } from './account-manager';
import { openCodeLink } from './code-links/open-code-link';
import type { ChatServiceEvent } from './chat-service';
import type { ClientChatService } from './client-chat-service';
import { CommandId } from './commands/ids';
import { GroupsView } from './groups-view';
import { MessageAlerts } from './message-alerts';
import { MessageNotifier } from './message-notifier';
import { messageLink, type MessageRef } from './message-links';
import { VsCodeFileUi } from './files/vscode-file-ui';
import { ChatSurfaces } from './panel/chat-surfaces';
import type { ChatSurfaceKind } from './panel/webview-html';
import { VsCodeSecretStore } from './secret-storage';
import { errorMessage } from '../common/error-message';
import { configuredServerUrl, readSettings } from './settings';
import { openSharedSnippet, type OpenedSnippet } from './code/snippet-opener';
import { DiscussionComments } from './discussions/discussion-comments';
import { followedPlace } from './discussions/followed-place';
import { StatusBar } from './status-bar';
import { followWindow } from './window-presence';
import { NO_UNREAD } from './unread-count';
import * as notify from './plain-notifications';

const ACTION_COMMANDS: Record<PanelAction, string> = {
  signIn: CommandId.signIn,
  signUp: CommandId.signUp,
  unlock: CommandId.unlock,
  changeServer: CommandId.changeServer,
  addMember: CommandId.addMember,
  removeMember: CommandId.removeMember,
  leaveGroup: CommandId.leaveGroup,
  rotateGroupKey: CommandId.rotateGroupKey,
  deleteGroup: CommandId.deleteGroup,
  renameGroup: CommandId.renameGroup,
  setTopic: CommandId.setTopic,
  verifyMember: CommandId.verifyMember,
  notifications: CommandId.notificationSettings,
  messageMember: CommandId.messageMember,
  openDiff: CommandId.openSharedDiff,
  applyDiff: CommandId.applySharedDiff,
};

/** The group the chat showed last, in this workspace. */
const LAST_GROUP_KEY = 'teamchat.lastOpenGroup';
/** How long a restored tab in view may wait for its serializer before it counts as left behind. */
const STALE_TAB_GRACE_MS = 2_000;

export class TeamChatApp implements vscode.Disposable {
  readonly log = vscode.window.createOutputChannel('TeamChat', { log: true });
  readonly secrets: VsCodeSecretStore;
  readonly accounts: AccountManager;
  readonly chat: ChatSurfaces;
  readonly statusBar = new StatusBar();
  /** Dialogs, progress and the private folder of decrypted files opened in VS Code. */
  readonly fileUi: VsCodeFileUi;
  private readonly groupsView = new GroupsView();
  readonly notifier: MessageNotifier;
  /** Snippets as comment threads on their lines (extension/discussions). */
  readonly discussions: DiscussionComments;
  private alerts: MessageAlerts | undefined;
  /** The last error a command showed, so the integration suite can say why a command failed. */
  lastError: string | undefined;
  /** Where the last snippet opened from the chat was found, and what the user was told (for the integration suite). */
  lastOpenedSnippet: OpenedSnippet | undefined;
  private offSession: (() => void) | undefined;
  private windowPresence: vscode.Disposable | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly context: vscode.ExtensionContext) {
    this.secrets = new VsCodeSecretStore(context.secrets);
    this.fileUi = new VsCodeFileUi(context.globalStorageUri);
    this.accounts = new AccountManager(this.secrets, context.globalState, this.log, context.globalStorageUri?.fsPath);
    this.chat = new ChatSurfaces(context.extensionUri, {
      runAction: (action, args) => void vscode.commands.executeCommand(ACTION_COMMANDS[action], args),
      openCodeLink: (target, column) => void openCodeLink(target, column).catch((error: unknown) => {
        this.log.error(`Could not open the code link: ${errorMessage(error)}`);
        void notify.error(errorMessage(error));
      }),
      openSnippet: (target, column) => void openSharedSnippet(target, column).then((opened) => (this.lastOpenedSnippet = opened)),
      copyMessageLink: (ref) => void this.copyMessageLink(ref),
      sessionWithoutChat: () => this.accounts.sessionView(),
      warn: (line) => this.log.warn(line),
      groupOpened: (groupId) => void context.workspaceState.update(LAST_GROUP_KEY, groupId),
    });
    this.notifier = new MessageNotifier((groupId) => this.openChat(groupId));
    this.discussions = new DiscussionComments(followedPlace, (line) => this.log.warn(line));
    this.disposables.push(this.accounts.onDidChangeSession((s) => this.sessionChanged(s)));
    // Someone made a server admin while signed in sees Create Invite Link when they come back to the window.
    this.disposables.push(vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) this.offerInvites(this.accounts.session);
    }));
  }

  /** Restores the previous session (unlocked only if the user chose to be remembered). */
  async start(): Promise<void> {
    let serverUrl: string | undefined;
    try {
      serverUrl = configuredServerUrl();
    } catch (error) {
      this.log.warn(errorMessage(error));
    }
    await this.accounts.restore({ serverUrl, username: readSettings().username });
    this.sessionChanged(this.accounts.session);
  }

  /**
   * A chat tab left by an extension host that crashed is replaced by a live one at the group it
   * showed last. After the serializer had its chance: it revives, at once, a tab in view that
   * came back with the window.
   */
  async replaceStaleChat(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, STALE_TAB_GRACE_MS));
    if (!(await this.chat.tab.replaceStaleTab())) return;
    this.log.info('Replaced a chat tab left by an extension host that stopped.');
    const groupId = this.context.workspaceState.get<string>(LAST_GROUP_KEY);
    if (!groupId) return;
    const focus = () => this.chat.tab.chat.bridge.focusGroup(groupId);
    if (this.accounts.session) return focus();
    // Locked (or still restoring): the group opens once there is a session to open it with.
    const once = this.accounts.onDidChangeSession((session) => {
      if (!session) return;
      once.dispose();
      focus();
    });
    this.disposables.push(once);
  }

  /** Shows the chat (in the place asked for, else where the user reads it), at the group if one is named. */
  openChat(groupId?: string, where?: ChatSurfaceKind): void {
    // A chat opened afresh (closed, then opened again) comes back at the group it showed last.
    const fresh = where === 'view' ? !this.chat.view.chat.isOpen : !this.chat.tab.chat.isOpen;
    const last = !groupId && fresh ? this.context.workspaceState.get<string>(LAST_GROUP_KEY) : undefined;
    const id = groupId ?? (last && this.accounts.session?.groups().some((g) => g.id === last) ? last : undefined);
    this.chat.show(where, id ? { groupId: id } : undefined).catch((error: unknown) => this.log.error(`Could not show the chat: ${errorMessage(error)}`));
  }

  requireSession(): ClientChatService {
    return this.accounts.requireSession();
  }

  /** The group named by a command argument, or one the user picks. */
  async pickGroup(args: unknown, title: string, filter: (g: GroupView) => boolean = () => true): Promise<GroupView | undefined> {
    const session = this.requireSession();
    const id = groupIdOf(args);
    if (id) return session.client.group(id);
    const groups = session.client.groups().filter(filter);
    if (groups.length === 0) {
      void notify.info('You have no TeamChat group for this yet: create one with "TeamChat: Create Group".');
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(
      groups.map((g) => ({ label: g.name, description: `${g.members.length} members${g.isAdmin ? ' · admin' : ''}`, group: g })),
      { title, placeHolder: 'Pick a group', ignoreFocusOut: true },
    );
    return pick?.group;
  }

  dispose(): void {
    this.offSession?.();
    this.windowPresence?.dispose();
    this.alerts?.dispose();
    this.accounts.dispose();
    this.chat.dispose();
    this.statusBar.dispose();
    this.groupsView.dispose();
    this.discussions.dispose();
    this.log.dispose();
    this.fileUi.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private sessionChanged(session: ClientChatService | undefined): void {
    this.offSession?.();
    this.offSession = undefined;
    this.windowPresence?.dispose();
    this.windowPresence = session ? followWindow(session.client.presence, (line) => this.log.warn(line)) : undefined;
    this.alerts?.dispose();
    this.alerts = session ? new MessageAlerts(session, (groupId) => this.seeing(groupId), (alert) => this.notifier.show(alert)) : undefined;
    session?.files.useUi(this.fileUi);
    this.discussions.setClient(session?.client);
    this.chat.setSession(session);
    void vscode.commands.executeCommand('setContext', 'teamchat.signedIn', session !== undefined);
    void vscode.commands.executeCommand('setContext', 'teamchat.locked', this.accounts.sessionView().state === 'locked');
    this.offerInvites(session);
    if (session) this.offSession = session.onEvent((e) => this.sessionEvent(session, e));
    this.refreshChrome(session);
  }

  /** Create Invite Link is offered where the server would take it; the server checks again. */
  private offerInvites(session: ClientChatService | undefined): void {
    void (session ? mayInvite(session.client.api).catch(() => false) : Promise.resolve(false))
      .then((can) => vscode.commands.executeCommand('setContext', 'teamchat.canInvite', can));
  }

  /** The user has this group's chat in front of them: a chat (tab or view) shows it and the window has focus. */
  private seeing(groupId: string): boolean {
    return vscode.window.state.focused && this.chat.isShowing(groupId);
  }

  private sessionEvent(session: ClientChatService, e: ChatServiceEvent): void {
    if (e.type === 'groups' || e.type === 'connection' || e.type === 'message') this.refreshChrome(session);
  }

  private async copyMessageLink(ref: MessageRef): Promise<void> {
    try {
      await vscode.env.clipboard.writeText(messageLink(ref));
      vscode.window.setStatusBarMessage('$(link) TeamChat: link to the message copied (it names the message, not its text)', 4000);
    } catch (error) {
      void notify.error(`Could not copy the link: ${errorMessage(error)}`);
    }
  }

  /** The badge and the status bar get one count, so they never disagree. */
  private refreshChrome(session: ClientChatService | undefined): void {
    const state = session ? session.connectionState() : this.accounts.sessionView().state;
    const unread = session?.unreadCount() ?? NO_UNREAD;
    this.statusBar.update(state, unread);
    this.groupsView.update(session?.groups() ?? [], unread);
  }
}

export function groupIdOf(args: unknown): string | undefined {
  if (typeof args === 'string') return args;
  if (typeof args !== 'object' || args === null) return undefined;
  const a = args as { groupId?: unknown; id?: unknown };
  if (typeof a.groupId === 'string') return a.groupId;
  if (typeof a.id === 'string') return a.id;
  return undefined;
}
