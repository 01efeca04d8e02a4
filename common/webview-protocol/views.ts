// What the webview shows, and nothing more: decrypted text and public facts, never a key,
// a token or a ciphertext. The host builds these from the client core's state.

export type ConnectionState = 'signed-out' | 'locked' | 'connecting' | 'online' | 'offline';

export interface SessionView {
  state: ConnectionState;
  username?: string;
  serverUrl?: string;
}

export interface GroupSummaryView {
  id: string;
  name: string;
  unread: number;
  isAdmin: boolean;
  memberCount: number;
  /** Someone left; nobody can post until a member rotates the group key. */
  needsRotation: boolean;
}

/** Trust in a member's public keys, pinned on first use. */
export type KeyTrust = 'pinned' | 'verified' | 'changed';

export interface MemberView {
  username: string;
  isAdmin: boolean;
  isMe: boolean;
  keyTrust: KeyTrust;
}

export interface SnippetView {
  path: string;
  startLine: number;
  endLine: number;
  language: string;
  code: string;
}

/**
 * `could-not-decrypt`: the blob could not be opened (no key, tampered, unknown version).
 * `bad-signature`: it opened but the sender's signature did not verify.
 * `stale-key`: it verified, but under an older key generation than messages before it
 * (what a removed member holding the old key would send).
 * `log-mismatch`: it verified, but does not fit the group's signed log (the sender was not a
 * member then, or saw another history of the group).
 * In every case the text is not shown as if it were fine.
 */
export type MessageIntegrity = 'ok' | 'could-not-decrypt' | 'bad-signature' | 'stale-key' | 'log-mismatch';

export interface ChatMessageView {
  msgId: string;
  seq: number;
  sender: string;
  isMine: boolean;
  /** ISO time; the sender's claim when it decrypted, else the server's. */
  sentAt: string;
  body: string;
  snippet?: SnippetView;
  replyTo?: string;
  /** Reaction -> usernames who reacted with it, in the order they did. */
  reactions?: Record<string, string[]>;
  edited: boolean;
  deleted: boolean;
  integrity: MessageIntegrity;
  /** The user's own name appears as @username in the body. */
  mentionsMe: boolean;
}

export interface GroupDetailView extends GroupSummaryView {
  members: MemberView[];
}

export interface ChatPageView {
  group: GroupDetailView;
  /** Ascending by seq. */
  messages: ChatMessageView[];
  hasMore: boolean;
}
