// A message as a UI shows it: decrypted and verified, or marked as not, never dropped.

import type { CodeSnippet, MessageKind } from '../../common/crypto';
import type { FileAttachment, LogPosition } from '../../common/messages/envelope';
import type { SharedDiff } from '../../common/messages/shared-diff';

/**
 * `stale-key`: it opened and verified, but under a key generation older than one already
 * used before it in the group, which is what a removed member still holding the old key
 * would send; its text is hidden like a forgery's.
 * `log-mismatch`: it verified, but what it says about the group log does not fit the log
 * this reader verified (the sender was not a member then, another generation, or another
 * history: a split view); its text is hidden too.
 */
export type MessageStatus = 'ok' | 'could-not-decrypt' | 'bad-signature' | 'stale-key' | 'log-mismatch';

export interface ChatMessage {
  groupId: string;
  seq: number;
  msgId: string;
  sender: string;
  generation: number;
  /** Server time of arrival. */
  createdAt: string;
  status: MessageStatus;
  /** With a status other than ok: why, in one sentence. */
  problem?: string;
  kind?: MessageKind;
  body?: string;
  snippet?: CodeSnippet;
  /** For a 'file' message: the attachment, with its key (client side only; never hand the key to a view). */
  file?: FileAttachment;
  /** For a 'diff' message: what was shared; its patch inline, or in `file` (client/diffs). */
  diff?: SharedDiff;
  replyTo?: string;
  /** For edit, delete and reaction messages: the msgId they apply to. */
  target?: string;
  /** Sender's clock when sent. */
  sentAt?: string;
  /** The group log head the sender had verified (inside the signature). */
  log?: LogPosition;
  /** Set once an edit by the same sender has been applied. */
  editedAt?: string;
  deleted?: boolean;
  /** In a thread (client/threads): the msgId of its top-level root message. */
  threadRoot?: string;
  /** A thread reply the sender also sent to the group's timeline. */
  alsoToGroup?: boolean;
  /** Reaction text -> who reacted with it. */
  reactions?: Record<string, string[]>;
  /** For a 'resolve' message: resolved (true) or reopened (false). */
  resolved?: boolean;
  /** On a top-level message someone resolved or reopened: the latest such change (client/discussions). */
  discussion?: DiscussionState;
}

export interface DiscussionState {
  resolved: boolean;
  /** Who resolved or reopened it (the change's verified sender). */
  by: string;
  /** When (server time of the change's arrival, as for edits). */
  at: string;
}
