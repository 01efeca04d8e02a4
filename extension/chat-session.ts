// What the panel, the status bar and the commands need from a signed-in, unlocked session,
// in the webview's terms (decrypted views, never keys). client-session.ts implements it over
// the client core; tests of the host-side adapter use it over a real client too.
import type {
  ChatMessageView,
  ChatPageView,
  ConnectionState,
  GroupDetailView,
  GroupSummaryView,
  SnippetView,
} from '../common/webview-protocol';

export type ChatSessionEvent =
  | { type: 'connection'; state: ConnectionState }
  | { type: 'groups'; groups: GroupSummaryView[] }
  | { type: 'group'; group: GroupDetailView }
  | { type: 'message'; groupId: string; message: ChatMessageView };

export interface ChatSession {
  readonly username: string;
  readonly serverUrl: string;
  connectionState(): ConnectionState;
  groups(): GroupSummaryView[];
  openGroup(groupId: string): Promise<ChatPageView>;
  loadOlder(groupId: string, beforeSeq: number): Promise<{ messages: ChatMessageView[]; hasMore: boolean }>;
  send(groupId: string, body: string, snippet?: SnippetView, replyTo?: string): Promise<{ msgId: string }>;
  edit(groupId: string, msgId: string, body: string): Promise<{ msgId: string }>;
  delete(groupId: string, msgId: string): Promise<{ msgId: string }>;
  react(groupId: string, msgId: string, reaction: string): Promise<{ msgId: string }>;
  setAdmin(groupId: string, username: string, admin: boolean): Promise<void>;
  createGroup(name: string, members: string[]): Promise<{ groupId: string }>;
  markRead(groupId: string, seq: number): Promise<void>;
  onEvent(listener: (event: ChatSessionEvent) => void): () => void;
}
