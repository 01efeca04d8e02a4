// What the search index keeps of one message: the words it is found by and the facts the
// query's filters test (from:, in:, has:, dates). One function, so a new message field
// (a thread, a file) is one edit here and nowhere else.

import type { ChatMessage } from '../messages/chat-message';

/** One indexed message. Stored (encrypted) with the index, so results show without the message in memory. */
export interface SearchDocument {
  /** `groupId/msgId`: a msgId is unique only within its group. */
  id: string;
  groupId: string;
  msgId: string;
  seq: number;
  sender: string;
  /** Server time of arrival, ms since the epoch. */
  time: number;
  /** The text as shown (an edit replaces it). */
  body: string;
  /** Words found beside the body: a snippet's path and code. */
  code: string;
  /** A code snippet, or a fenced code block in the body. */
  hasCode: boolean;
  /** An attached file (a file message). */
  hasFile: boolean;
  /** The thread's root msgId, for a reply in a thread. */
  threadRoot?: string;
  /** Arrival time of the newest edit applied, ms (0: never edited); an older edit is not applied over it. */
  editedAt: number;
}

const FENCE = /(^|\n)\s*(```|~~~)/;
/** Kinds with words of their own; edits, deletes and reactions are folded into their target. */
const INDEXED_KINDS: ReadonlySet<string> = new Set(['text', 'snippet', 'file']);

/** The document for a message a reader may see, or undefined for one that is not indexed (unverified, deleted, folded). */
export function searchFields(message: ChatMessage): SearchDocument | undefined {
  if (message.status !== 'ok' || message.deleted) return undefined;
  if (message.kind !== undefined && !INDEXED_KINDS.has(message.kind)) return undefined;
  const body = message.body ?? '';
  const snippet = message.snippet;
  const doc: SearchDocument = {
    id: `${message.groupId}/${message.msgId}`,
    groupId: message.groupId,
    msgId: message.msgId,
    seq: message.seq,
    sender: message.sender,
    time: timeOf(message.createdAt),
    body,
    // A file is found by its name, as a snippet by its path and code.
    code: [snippet ? `${snippet.path}\n${snippet.code}` : '', message.file?.name ?? ''].filter(Boolean).join('\n'),
    hasCode: snippet !== undefined || hasFencedCode(body),
    hasFile: message.file !== undefined,
    editedAt: message.editedAt ? timeOf(message.editedAt) : 0,
  };
  if (message.threadRoot !== undefined) doc.threadRoot = message.threadRoot;
  return doc;
}

export function hasFencedCode(body: string): boolean {
  return FENCE.test(body);
}

export function timeOf(iso: string): number {
  const time = Date.parse(iso);
  return Number.isFinite(time) ? time : 0;
}
