// The chat as the panel, the status bar and the commands see it, once the user is signed in
// and unlocked, in the webview's terms (decrypted views, never keys). client-chat-service.ts implements it
// over the client core; tests of the host-side adapter use it over a real client too.
import type {
  AwarenessView,
  ChatMessageView,
  ConnectionState,
  GroupDetailView,
  GroupSummaryView,
  RequestHandlers,
} from '../common/webview-protocol';
import type { FileEvent } from './files/file-service';

export type ChatServiceEvent =
  | { type: 'connection'; state: ConnectionState }
  | { type: 'groups'; groups: GroupSummaryView[] }
  | { type: 'group'; group: GroupDetailView }
  /** `unread`: news from another member this device has not read, which may notify the user. */
  | { type: 'message'; groupId: string; message: ChatMessageView; unread: boolean }
  /** Typing, presence or read positions changed in the group the panel opened last. */
  | { type: 'awareness'; awareness: AwarenessView }
  /** File transfers and picks (files/file-service.ts). */
  | FileEvent;

/** Answers every request the webview declares (`Requests`), plus what the host itself reads. */
export interface ChatService extends RequestHandlers {
  readonly username: string;
  readonly serverUrl: string;
  connectionState(): ConnectionState;
  groups(): GroupSummaryView[];
  markRead(groupId: string, seq: number): Promise<void>;
  /** A key pressed in the group's message box; `empty`: the box is empty now. */
  typing?(groupId: string, empty: boolean): void;
  onEvent(listener: (event: ChatServiceEvent) => void): () => void;
}
