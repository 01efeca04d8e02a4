// The plaintext of every chat message: a small JSON envelope, validated on the way in
// (before encrypting) and on the way out (after decrypting), so neither side ever handles
// a shape it does not expect. Type-only for the webview; no crypto here.

import { ParameterError } from '../crypto/errors';
import { parseResolveChange } from './discussion-state';
import { parseFileAttachment, type FileAttachment } from './file-attachment';
import { parseSharedDiff, type SharedDiff } from './shared-diff';
import { parseSnippetDiagnostic, type SnippetDiagnostic } from './snippet-diagnostic';
import { parseSnippetOrigin, type SnippetOrigin } from './snippet-origin';

export type { FileAttachment, FileThumbnail } from './file-attachment';
export type { SnippetOrigin } from './snippet-origin';

export type MessageKind = 'text' | 'snippet' | 'edit' | 'delete' | 'reaction' | 'file' | 'diff' | 'resolve';

export interface CodeSnippet {
  path: string;
  startLine: number;
  endLine: number;
  language: string;
  code: string;
  /** "Ask the team": the problem VS Code reported in these lines (snippet-diagnostic.ts). */
  diagnostic?: SnippetDiagnostic;
  /** Where it was taken: repository, commit, text hash (common/messages/snippet-origin.ts). */
  origin?: SnippetOrigin;
}

export interface MessageEnvelope {
  v: 1;
  kind: MessageKind;
  body: string;
  /** msgId of the message this one replies to. */
  replyTo?: string;
  /** msgId an edit, delete or reaction refers to. */
  target?: string;
  snippet?: CodeSnippet;
  /** For a 'file' message: the attachment (its body is an optional comment); docs/files.md. For a 'diff' too large to carry inline: the patch. */
  file?: FileAttachment;
  /** For a 'diff' message (shared-diff.ts): what was shared; its body is an optional comment. */
  diff?: SharedDiff;
  /** ISO 8601 time the sender's clock gave. */
  sentAt: string;
  /** The head of the group log the sender had verified when sending (docs/protocol.md). */
  log?: LogPosition;
  /** In a thread (docs/threads.md): the thread's top-level message, and whether the reply is also shown in the group. */
  thread?: ThreadPosition;
  /** For a 'resolve' message: the discussion `target` is now resolved (true) or reopened (false); discussion-state.ts. */
  resolved?: boolean;
}

export interface ThreadPosition {
  /** msgId of the thread's root: always a top-level message, never another reply. */
  root: string;
  alsoToGroup?: true;
}

export interface LogPosition {
  seq: number;
  hash: string;
}

export const MESSAGE_KINDS: readonly MessageKind[] = ['text', 'snippet', 'edit', 'delete', 'reaction', 'file', 'diff', 'resolve'];

const MSG_ID = /^[0-9a-f]{32}$/;
const LINK_HASH = /^[0-9a-f]{64}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const MAX_TEXT = 40_000;
const MAX_SHORT = 1_000;

function fail(reason: string): never {
  throw new ParameterError(`The message is not valid: ${reason}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, field: string, max: number, allowEmpty = true): string {
  if (typeof value !== 'string') fail(`${field} must be a string`);
  if (!allowEmpty && value.length === 0) fail(`${field} must not be empty`);
  if (value.length > max) fail(`${field} is longer than ${max} characters`);
  return value;
}

function msgId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !MSG_ID.test(value)) fail(`${field} must be a message id (32 lowercase hex characters)`);
  return value;
}

function line(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) fail(`${field} must be a line number from 1`);
  return value;
}

function parseSnippet(value: unknown): CodeSnippet {
  if (!isRecord(value)) fail('snippet must be an object');
  const snippet: CodeSnippet = {
    path: text(value.path, 'snippet.path', MAX_SHORT),
    startLine: line(value.startLine, 'snippet.startLine'),
    endLine: line(value.endLine, 'snippet.endLine'),
    language: text(value.language, 'snippet.language', 100),
    code: text(value.code, 'snippet.code', MAX_TEXT),
  };
  if (snippet.endLine < snippet.startLine) fail('snippet.endLine is before snippet.startLine');
  if (value.diagnostic !== undefined) snippet.diagnostic = parseSnippetDiagnostic(value.diagnostic, snippet);
  if (value.origin !== undefined) snippet.origin = parseSnippetOrigin(value.origin);
  return snippet;
}

function parseThread(value: unknown): ThreadPosition {
  if (!isRecord(value)) fail('thread must be an object');
  const thread: ThreadPosition = { root: msgId(value.root, 'thread.root') };
  if (value.alsoToGroup !== undefined && value.alsoToGroup !== true) fail('thread.alsoToGroup must be true or absent');
  if (value.alsoToGroup === true) thread.alsoToGroup = true;
  return thread;
}

function parseLogPosition(value: unknown): LogPosition {
  if (!isRecord(value)) fail('log must be an object');
  const { seq, hash } = value;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) fail('log.seq must be a positive integer');
  if (typeof hash !== 'string' || !LINK_HASH.test(hash)) fail('log.hash must be a link hash');
  return { seq, hash };
}

/**
 * Validates an envelope and returns a copy holding only the known fields (unknown fields
 * from a newer client are dropped, not passed along). Throws ParameterError on a bad shape.
 */
export function parseEnvelope(json: unknown): MessageEnvelope {
  if (!isRecord(json)) fail('it must be an object');
  if (json.v !== 1) fail('v must be 1');
  const kind = json.kind;
  if (typeof kind !== 'string' || !(MESSAGE_KINDS as readonly string[]).includes(kind)) {
    fail(`kind must be one of ${MESSAGE_KINDS.join(', ')}`);
  }
  const envelope: MessageEnvelope = {
    v: 1,
    kind: kind as MessageKind,
    body: text(json.body, 'body', MAX_TEXT, kind !== 'text' && kind !== 'reaction'),
    sentAt: text(json.sentAt, 'sentAt', 64),
  };
  if (!ISO_TIME.test(envelope.sentAt) || Number.isNaN(Date.parse(envelope.sentAt))) fail('sentAt must be an ISO 8601 time');
  if (json.replyTo !== undefined) envelope.replyTo = msgId(json.replyTo, 'replyTo');
  if (json.target !== undefined) envelope.target = msgId(json.target, 'target');
  if (json.snippet !== undefined) envelope.snippet = parseSnippet(json.snippet);
  if (json.log !== undefined) envelope.log = parseLogPosition(json.log);
  if (json.file !== undefined) {
    if (kind !== 'file' && kind !== 'diff') fail('only a file or diff message carries a file');
    envelope.file = parseFileAttachment(json.file);
  }
  if (kind === 'file' && envelope.file === undefined) fail('a file message needs a file');
  if (json.diff !== undefined && kind !== 'diff') fail('only a diff message carries a diff');
  if (kind === 'diff') envelope.diff = parseSharedDiff(json.diff, envelope.file !== undefined);
  if (json.thread !== undefined) envelope.thread = parseThread(json.thread);
  const resolve = parseResolveChange(kind, json);
  if (resolve) envelope.resolved = resolve.resolved;
  if ((kind === 'edit' || kind === 'delete' || kind === 'reaction' || kind === 'resolve') && envelope.target === undefined) {
    fail(`a ${kind} needs a target`);
  }
  if (kind === 'snippet' && envelope.snippet === undefined) fail('a snippet message needs a snippet');
  if (kind === 'reaction' && envelope.body.length > 64) fail('a reaction is at most 64 characters');
  return envelope;
}
