// Every message between the chat webview and the extension host, declared once.
import { IpcCommand, IpcNotification, IpcRequest, type HandlersOf, type ParamsOf, type ReceiversOf } from './ipc';
import type {
  ChatMessageView,
  ChatPageView,
  GroupDetailView,
  GroupHistoryView,
  GroupSummaryView,
  SearchResultView,
  SessionView,
} from './views';

// webview -> host, fire and forget. A table, so the host's receivers are checked against it.

export const Commands = {
  /** The webview has loaded and listens; the host sends state only after this. */
  ready: new IpcCommand('webview/ready'),
  markRead: new IpcCommand<{ groupId: string; seq: number }>('groups/markRead'),
  openSnippet: new IpcCommand<{ path: string; startLine: number; endLine: number }>('snippet/open'),
  /** The webview's buttons for actions that need VS Code's own prompts (quick picks, input boxes). */
  runAction: new IpcCommand<{ action: PanelAction; groupId?: string; username?: string }>('panel/runAction'),
  /** The panel's heartbeat: a host that stops answering it is gone (restarted, crashed, reloading). */
  ping: new IpcCommand<{ n: number }>('host/ping'),
  /** "Copy link" on a message: the host puts a link naming only the two ids on the clipboard. */
  copyMessageLink: new IpcCommand<{ groupId: string; msgId: string }>('chat/copyLink'),
};
export type CommandReceivers = ReceiversOf<typeof Commands>;

export type PanelAction =
  | 'signIn'
  | 'signUp'
  | 'unlock'
  | 'changeServer'
  | 'addMember'
  | 'removeMember'
  | 'leaveGroup'
  | 'rotateGroupKey'
  | 'deleteGroup'
  | 'renameGroup'
  | 'setTopic'
  | 'verifyMember'
  | 'notifications';
export const PANEL_ACTIONS: readonly PanelAction[] = [
  'signIn', 'signUp', 'unlock', 'changeServer', 'addMember', 'removeMember', 'leaveGroup', 'rotateGroupKey', 'deleteGroup', 'renameGroup', 'setTopic',
  'verifyMember', 'notifications',
];

// webview -> host, answered. Declared here and nowhere else: the key names the handler, and
// `RequestHandlers` makes the host (ChatService) answer every one of them.

export const Requests = {
  openGroup: new IpcRequest<{ groupId: string }, ChatPageView>('groups/open'),
  loadOlder: new IpcRequest<{ groupId: string; beforeSeq: number }, { messages: ChatMessageView[]; hasMore: boolean }>('chat/loadOlder'),
  /** `msgId` is chosen by the panel when the message is queued, so a resend (after a reconnect or a reload) is the same message. */
  send: new IpcRequest<{ groupId: string; body: string; replyTo?: string; msgId?: string }, { msgId: string }>('chat/send'),
  /** Only the sender's own messages; the host refuses others. */
  edit: new IpcRequest<{ groupId: string; msgId: string; body: string }, { msgId: string }>('chat/edit'),
  delete: new IpcRequest<{ groupId: string; msgId: string }, { msgId: string }>('chat/delete'),
  /** A toggle: the same reaction from the same sender again takes it back (client/messages/timeline.ts). */
  react: new IpcRequest<{ groupId: string; msgId: string; reaction: string }, { msgId: string }>('chat/react'),
  /** Make a member admin (`admin: true`) or take admin away; 409 last_admin comes back as the error. */
  setAdmin: new IpcRequest<{ groupId: string; username: string; admin: boolean }, void>('members/setAdmin'),
  /** All or nothing; a name the user is in a group of already answers `sameNameExists` until asked with `allowSameName`. */
  createGroup: new IpcRequest<{ name: string; members: string[]; allowSameName?: boolean }, CreateGroupResult>('groups/create'),
  /** The group's verified changes (who added, removed, promoted whom, and when). */
  groupHistory: new IpcRequest<{ groupId: string }, GroupHistoryView>('groups/history'),
  /** An admin starts the signed log of a group made before it; the new state comes as DidChangeGroup. */
  startLog: new IpcRequest<{ groupId: string }, void>('groups/startLog'),
  /** Search the messages indexed on this device (client/search/); the server is not asked. */
  search: new IpcRequest<{ query: string; limit?: number }, SearchResultView[]>('search/query'),
};
export type RequestHandlers = HandlersOf<typeof Requests>;
export type CreateGroupResult = { groupId: string } | { sameNameExists: true };
/** What a handler is given, for code that implements one outside an object literal. */
export type RequestParams<Name extends keyof typeof Requests> = ParamsOf<(typeof Requests)[Name]>;

// host -> webview. Named constants, not a table: a notification may have any number of listeners.

export const DidChangeSession = new IpcNotification<{ session: SessionView }>('session/didChange');
export const DidChangeGroups = new IpcNotification<{ groups: GroupSummaryView[] }>('groups/didChange');
export const DidChangeGroup = new IpcNotification<{ group: GroupDetailView }>('group/didChange');
/** A new message, or a new version (edited, deleted) of one already shown: same msgId. */
export const DidArriveMessage = new IpcNotification<{ groupId: string; message: ChatMessageView }>('messages/didArrive');
/** Show this group (the user picked it from a command, or just created it); with `msgId` (a message link), scroll to that message and highlight it. */
export const DidFocusGroup = new IpcNotification<{ groupId: string; msgId?: string }>('groups/didFocus');
/** The host is alive: the answer to the panel's ping with the same `n`. */
export const DidAnswerPing = new IpcNotification<{ n: number }>('host/didAnswerPing');
/** The panel's tab came to the front or went behind another: only a seen message counts as read. */
export const DidChangeVisibility = new IpcNotification<{ visible: boolean }>('panel/didChangeVisibility');
