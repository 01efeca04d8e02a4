// What the webview shows, and nothing more: decrypted text and public facts, never a key,
// a token or a ciphertext. The host builds these from the client core's state.
import type { DiffView } from './diff-views';
import type { SnippetDiagnostic } from '../messages/snippet-diagnostic';
import type { SnippetOrigin } from '../messages/snippet-origin';
import type { FileView } from './file-views';

export type ConnectionState = 'signed-out' | 'locked' | 'connecting' | 'online' | 'offline';

export interface SessionView {
  state: ConnectionState;
  username?: string;
  serverUrl?: string;
}

/**
 * How far the group's facts (members, admins, key generation) are checked on this device
 * against the group's signed log (client/groups/verified-group.ts):
 * verified; disputed (the server's view differs from the log); failed (the log itself does
 * not check out); unverifiable (a group made before the log, until an admin starts one).
 */
export type GroupVerificationState = 'verified' | 'disputed' | 'failed' | 'unverifiable';

export interface GroupVerificationView {
  state: GroupVerificationState;
  /** A short name for what went wrong ('fork', 'rollback', 'server-disagrees', ...). */
  reason?: string;
  /** What was wrong and what to do, in the client core's words. */
  problem?: string;
  /** How many changes of the log are verified. */
  headSeq?: number;
}

/**
 * Which of a group's messages notify the user, chosen on this device only (the server never
 * learns it): every message, only those that mention the user, or none.
 */
export type NotifyLevel = 'all' | 'mentions' | 'muted';

export interface GroupSummaryView {
  id: string;
  name: string;
  /** Every unread message, whatever `notify` says; a muted group's is shown but not counted. */
  unread: number;
  notify: NotifyLevel;
  isAdmin: boolean;
  memberCount: number;
  /** Someone left; nobody can post until a member rotates the group key. */
  needsRotation: boolean;
  verification: GroupVerificationView;
  /** A direct message (by its verified log): `name` is the other person's username; `ended` once one of the two left. */
  dm?: { with: string; ended: boolean };
}

/**
 * Trust in a member's public keys: compared by safety number, only pinned on first use,
 * changed since pinned, or not looked up on this device yet.
 */
export type KeyTrust = 'verified' | 'pinned' | 'changed' | 'unknown';

export interface MemberView {
  username: string;
  isAdmin: boolean;
  isMe: boolean;
  keyTrust: KeyTrust;
  /** A server admin deactivated or deleted the account (the server's claim: a prompt to remove them). */
  accountStatus?: 'deactivated' | 'deleted';
}

export interface SnippetView {
  path: string;
  startLine: number;
  endLine: number;
  language: string;
  code: string;
  /** Shared with "Ask the team": the problem VS Code reported in these lines. */
  diagnostic?: SnippetDiagnostic;
  /** Where it was taken (repository hash, commit, text hash): common/messages/snippet-origin.ts. */
  origin?: SnippetOrigin;
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
  /** A file message: what the card shows (never its key or hash; see file-views.ts). */
  file?: FileView;
  /** A shared diff (diff-views.ts): shown as a diff card with Open diff and Apply. */
  diff?: DiffView;
  /** A thread reply: its root's msgId (client/threads). */
  threadRoot?: string;
  /** A thread reply also shown in the group's timeline. */
  alsoToGroup?: boolean;
  /** A reply from someone else in a thread the user started or replied in. */
  threadNotifiesMe?: boolean;
  /** On a root that has replies: its thread's summary line. */
  thread?: ThreadSummaryView;
  /** On a top-level message someone resolved or reopened: the latest such change. */
  discussion?: DiscussionView;
}

export interface DiscussionView {
  resolved: boolean;
  /** The verified sender of the change. */
  by: string;
  at: string;
}

export interface ThreadSummaryView {
  replies: number;
  /** Newest first, each once, at most three. */
  lastRepliers: string[];
  lastReplyAt?: string;
  /** Replies from others not seen yet. */
  unread: number;
}

export interface ThreadPageView {
  root: ChatMessageView;
  /** Ascending by seq. */
  replies: ChatMessageView[];
  hasMore: boolean;
  /** Messages the server gave for this thread that are not part of it: left out. */
  dropped: number;
}

export interface GroupDetailView extends GroupSummaryView {
  /** One line of plain text, from the signed log; "" when the group has none. */
  topic: string;
  members: MemberView[];
}

export type GroupChangeType = 'create' | 'start' | 'add' | 'remove' | 'leave' | 'promote' | 'demote' | 'rotate' | 'delete' | 'rename' | 'topic' | 'dm';

/** One verified change of the group's signed log. */
export interface GroupChangeView {
  seq: number;
  type: GroupChangeType;
  /** Who made and signed the change. */
  signer: string;
  /** ISO time, the signer's clock. */
  at: string;
  /** add, remove, promote, demote: who it was about. */
  username?: string;
  /** rotate, start: the key generation it began. */
  generation?: number;
  /** rotate: who the new key was sealed to. */
  sealedTo?: string[];
  /** rename: the new name. */
  name?: string;
  /** topic: the new topic ("" when it was cleared). */
  topic?: string;
}

export interface GroupHistoryView {
  verification: GroupVerificationView;
  /** Ascending by seq; empty for a group without a signed log. */
  entries: GroupChangeView[];
}

export interface ChatPageView {
  group: GroupDetailView;
  /** Ascending by seq. */
  messages: ChatMessageView[];
  hasMore: boolean;
  /** Read on this device up to this seq before the group opened: the "New messages" divider goes after it. */
  readSeq?: number;
}

/** One search result: where the message is, who sent it when, and a one-line excerpt with the matching words' offsets. */
export interface SearchResultView {
  groupId: string;
  groupName: string;
  msgId: string;
  seq: number;
  /** A reply in a thread: the thread's root msgId. */
  threadRoot?: string;
  sender: string;
  /** ISO time the server received it. */
  time: string;
  excerpt: { text: string; ranges: { start: number; end: number }[] };
}
