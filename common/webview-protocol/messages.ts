// Every message between the chat webview and the extension host, declared once.
import { IpcCommand, IpcNotification, IpcRequest } from './ipc';
import type {
  ChatMessageView,
  ChatPageView,
  GroupDetailView,
  GroupSummaryView,
  SessionView,
} from './views';

// webview -> host, fire and forget

/** The webview has loaded and listens; the host sends state only after this. */
export const Ready = new IpcCommand('webview/ready');
export const MarkRead = new IpcCommand<{ groupId: string; seq: number }>('groups/markRead');
export const OpenSnippet = new IpcCommand<{ path: string; startLine: number; endLine: number }>('snippet/open');
/** The webview's buttons for actions that need VS Code's own prompts (quick picks, input boxes). */
export const RunAction = new IpcCommand<{ action: PanelAction; groupId?: string; username?: string }>('panel/runAction');
export type PanelAction =
  | 'signIn'
  | 'signUp'
  | 'unlock'
  | 'addMember'
  | 'removeMember'
  | 'leaveGroup'
  | 'rotateGroupKey'
  | 'deleteGroup'
  | 'verifyMember';
export const PANEL_ACTIONS: readonly PanelAction[] = [
  'signIn', 'signUp', 'unlock', 'addMember', 'removeMember', 'leaveGroup', 'rotateGroupKey', 'deleteGroup', 'verifyMember',
];

// webview -> host, answered

export const OpenGroup = new IpcRequest<{ groupId: string }, ChatPageView>('groups/open');
export const LoadOlder = new IpcRequest<{ groupId: string; beforeSeq: number }, { messages: ChatMessageView[]; hasMore: boolean }>(
  'chat/loadOlder',
);
export const SendMessage = new IpcRequest<{ groupId: string; body: string; replyTo?: string }, { msgId: string }>('chat/send');
/** Only the sender's own messages; the host refuses others. */
export const EditMessage = new IpcRequest<{ groupId: string; msgId: string; body: string }, { msgId: string }>('chat/edit');
export const DeleteMessage = new IpcRequest<{ groupId: string; msgId: string }, { msgId: string }>('chat/delete');
/** Add-only: the client core folds reactions in but has no envelope that takes one back. */
export const ReactToMessage = new IpcRequest<{ groupId: string; msgId: string; reaction: string }, { msgId: string }>('chat/react');
/** Make a member admin (`admin: true`) or take admin away; 409 last_admin comes back as the error. */
export const SetAdmin = new IpcRequest<{ groupId: string; username: string; admin: boolean }, void>('members/setAdmin');
export const CreateGroup = new IpcRequest<{ name: string; members: string[] }, { groupId: string }>('groups/create');

// host -> webview

export const DidChangeSession = new IpcNotification<{ session: SessionView }>('session/didChange');
export const DidChangeGroups = new IpcNotification<{ groups: GroupSummaryView[] }>('groups/didChange');
export const DidChangeGroup = new IpcNotification<{ group: GroupDetailView }>('group/didChange');
/** A new message, or a new version (edited, deleted) of one already shown: same msgId. */
export const DidArriveMessage = new IpcNotification<{ groupId: string; message: ChatMessageView }>('messages/didArrive');
/** Show this group (the user picked it from a command, or just created it). */
export const DidFocusGroup = new IpcNotification<{ groupId: string }>('groups/didFocus');
/** The panel's tab came to the front or went behind another: only a seen message counts as read. */
export const DidChangeVisibility = new IpcNotification<{ visible: boolean }>('panel/didChangeVisibility');
