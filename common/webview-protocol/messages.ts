// Every message between the chat webview and the extension host, declared once.
import type { CodeLinkTarget } from '../code/code-links';
import type { SnippetOrigin } from '../messages/snippet-origin';
import type { AwarenessView } from './awareness';
import { IpcCommand, IpcNotification, IpcRequest, type HandlersOf, type ParamsOf, type ReceiversOf } from './ipc';
import type { FileLimitsView, FileProgressView, FileTransferParams, PickedFileView, SendFileParams } from './file-views';
import type {
  ChatMessageView,
  ChatPageView,
  GroupDetailView,
  GroupHistoryView,
  GroupSummaryView,
  SearchResultView,
  SessionView,
  ThreadPageView,
} from './views';

// webview -> host, fire and forget. A table, so the host's receivers are checked against it.

export const Commands = {
  /** The webview has loaded and listens; the host sends state only after this. */
  ready: new IpcCommand('webview/ready'),
  markRead: new IpcCommand<{ groupId: string; seq: number }>('groups/markRead'),
  openSnippet: new IpcCommand<{ path: string; startLine: number; endLine: number; code?: string; origin?: SnippetOrigin }>('snippet/open'),
  /** The webview's buttons for actions that need VS Code's own prompts (quick picks, input boxes). */
  runAction: new IpcCommand<{ action: PanelAction; groupId?: string; username?: string; msgId?: string }>('panel/runAction'),
  /** The panel's heartbeat: a host that stops answering it is gone (restarted, crashed, reloading). */
  ping: new IpcCommand<{ n: number }>('host/ping'),
  /** "Copy link" on a message: the host puts a link naming only the two ids on the clipboard. */
  copyMessageLink: new IpcCommand<{ groupId: string; msgId: string }>('chat/copyLink'),
  /** A key pressed in the message box (`empty`: it is empty now); the host throttles what goes to the server. */
  typing: new IpcCommand<{ groupId: string; empty: boolean }>('chat/typing'),
  /** A code link in a message (src/a.ts:3, a commit, #12): the host opens it in the reader's own clone (docs/code-aware-chat.md). */
  openCodeLink: new IpcCommand<{ target: CodeLinkTarget }>('code/openLink'),
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
  | 'notifications'
  | 'messageMember'
  /** A shared diff's card (msgId): open it in the diff editor, or check and apply it. */
  | 'openDiff'
  | 'applyDiff';
export const PANEL_ACTIONS: readonly PanelAction[] = [
  'signIn', 'signUp', 'unlock', 'changeServer', 'addMember', 'removeMember', 'leaveGroup', 'rotateGroupKey', 'deleteGroup', 'renameGroup', 'setTopic',
  'verifyMember', 'notifications', 'messageMember', 'openDiff', 'applyDiff',
];

// webview -> host, answered. Declared here and nowhere else: the key names the handler, and
// `RequestHandlers` makes the host (ChatService) answer every one of them.

export const Requests = {
  openGroup: new IpcRequest<{ groupId: string }, ChatPageView>('groups/open'),
  loadOlder: new IpcRequest<{ groupId: string; beforeSeq: number }, { messages: ChatMessageView[]; hasMore: boolean }>('chat/loadOlder'),
  /** `msgId` is chosen by the panel when the message is queued, so a resend (after a reconnect or a reload) is the same message. */
  send: new IpcRequest<{ groupId: string; body: string; replyTo?: string; msgId?: string; thread?: { root: string; alsoToGroup?: boolean } }, { msgId: string }>('chat/send'),
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
  // Files (file-views.ts). Each answers at once; what takes long (a dialog, a transfer) reports
  // through DidPickFiles and DidProgressFile, so no request waits out the panel's timeout.
  fileLimits: new IpcRequest<void, FileLimitsView>('files/limits'),
  /** Shows VS Code's open dialog; what the user picks comes as DidPickFiles with the same `requestId`. */
  pickFiles: new IpcRequest<{ groupId: string; requestId: string }, void>('files/pick'),
  sendFile: new IpcRequest<SendFileParams, void>('files/send'),
  openFile: new IpcRequest<FileTransferParams, void>('files/open'),
  saveFile: new IpcRequest<FileTransferParams, void>('files/save'),
  /** A small text file's content, to show as code in its card. */
  fileText: new IpcRequest<{ groupId: string; msgId: string }, { text: string }>('files/text'),
  cancelTransfer: new IpcRequest<{ transferId: string }, void>('files/cancel'),
  /** A thread: its root and newest replies (client/threads); `msgId` may be a reply, which opens its root's thread. */
  openThread: new IpcRequest<{ groupId: string; msgId: string }, ThreadPageView>('thread/open'),
  /** The thread's replies held are seen: its unread count goes to 0. */
  markThreadRead: new IpcRequest<{ groupId: string; root: string }, void>('thread/markRead'),
  /** Marks a discussion (a thread's root) resolved or reopened for everyone: a signed change (client/discussions). */
  resolve: new IpcRequest<{ groupId: string; msgId: string; resolved: boolean }, { resolved: boolean }>('thread/resolve'),
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
/** Who types, who is online and how far others have read in the open group (docs/presence.md). */
export const DidChangeAwareness = new IpcNotification<{ awareness: AwarenessView }>('chat/didChangeAwareness');
/** Files the user picked in VS Code's open dialog for this group (none when cancelled: not sent). */
export const DidPickFiles = new IpcNotification<{ groupId: string; requestId: string; files: PickedFileView[] }>('files/didPick');
/** An upload or download moved on, finished, failed or was cancelled. */
export const DidProgressFile = new IpcNotification<FileProgressView>('files/didProgress');
