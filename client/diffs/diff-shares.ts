// Shared diffs as a UI sees them: send one (the unified diff inline when the whole envelope
// fits one message, else encrypted and uploaded as a file the 'diff' message carries), and
// read one back (the inline text, or the attachment fetched, checked against the hash the
// sender signed, and decrypted). The server sees an ordinary message and, for a large diff,
// an ordinary encrypted file. docs/code-aware-chat.md.
import { MAX_ENVELOPE_BYTES } from '../../common/crypto';
import { parseUnifiedDiff, PatchError, type ParsedPatch } from '../../common/code/patch-parse';
import { DIFF_INLINE_MAX_CHARS, DIFF_SUMMARY_MAX_FILES, type DiffSource, type SharedDiff, type SharedDiffFile } from '../../common/messages/shared-diff';
import type { ApiClient } from '../api/api-client';
import { TeamChatClientError } from '../errors';
import { bytesSource } from '../files/file-source';
import type { FileTransfers } from '../files/file-transfers';
import { uploadFile } from '../files/file-upload';
import type { GroupRef } from '../groups/group-directory';
import type { Group } from '../groups/verified-group';
import type { ChatMessage } from '../messages/chat-message';
import type { OutgoingMessage } from '../messages/message-sender';

/** What was diffed: the sender's own words for it and the refs it spans. */
export interface DiffShare {
  source: DiffSource;
  from?: string;
  to?: string;
  /** The one file shared; absent: the whole repository. */
  path?: string;
  label: string;
  /** The unified diff (git diff's output). */
  patch: string;
}

export interface SendDiffOptions {
  replyTo?: string;
  signal?: AbortSignal;
}

export class DiffShareError extends TeamChatClientError {}

/** Room the rest of the envelope (kind, sentAt, log position, thread) takes, with a margin. */
const ENVELOPE_OVERHEAD_BYTES = 1_500;
const PATCH_FILE_NAME = 'changes.diff';
const PATCH_FILE_TYPE = 'text/x-diff';
/** Patches read back, by msgId (a message's patch never changes: an edit changes only its comment). */
const CACHE_MAX = 20;

function summaryOf(patch: ParsedPatch): { files: SharedDiffFile[]; moreFiles?: number } {
  const files = patch.files.slice(0, DIFF_SUMMARY_MAX_FILES).map((f) => ({
    path: f.path, ...(f.oldPath ? { oldPath: f.oldPath } : {}), status: f.status, added: f.added, removed: f.removed, ...(f.binary ? { binary: true as const } : {}),
  }));
  const more = patch.files.length - files.length;
  return more > 0 ? { files, moreFiles: more } : { files };
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

export class DiffShares {
  private readonly patches = new Map<string, string>();

  constructor(
    private readonly api: ApiClient,
    private readonly group: (ref: GroupRef) => Promise<Group>,
    private readonly files: FileTransfers,
    private readonly sendMessage: (ref: GroupRef, outgoing: OutgoingMessage) => Promise<ChatMessage>,
  ) {}

  /**
   * Sends the diff with an optional comment. Refused, in one sentence, when it is empty, is not
   * a unified diff, names a path outside the repository, or is larger than the server takes as a file.
   */
  async send(ref: GroupRef, share: DiffShare, comment = '', options: SendDiffOptions = {}): Promise<ChatMessage> {
    let parsed: ParsedPatch;
    try {
      parsed = parseUnifiedDiff(share.patch);
    } catch (error) {
      throw new DiffShareError(error instanceof PatchError ? error.message : 'The diff could not be read.', { cause: error });
    }
    if (parsed.files.length === 0) throw new DiffShareError('There are no changes to share: the diff is empty.');
    const group = await this.group(ref);
    const diff: SharedDiff = {
      source: share.source, label: share.label,
      ...(share.from ? { from: share.from } : {}), ...(share.to ? { to: share.to } : {}), ...(share.path ? { path: share.path } : {}),
      ...summaryOf(parsed),
    };
    const replyTo = options.replyTo ? { replyTo: options.replyTo } : {};
    const inline = { ...diff, patch: share.patch };
    if (share.patch.length <= DIFF_INLINE_MAX_CHARS && utf8Bytes(JSON.stringify({ diff: inline, body: comment })) + ENVELOPE_OVERHEAD_BYTES <= MAX_ENVELOPE_BYTES) {
      return this.sendMessage(group.id, { kind: 'diff', body: comment, diff: inline, ...replyTo });
    }
    const bytes = new TextEncoder().encode(share.patch);
    const { maxFileBytes } = await this.files.limits();
    if (bytes.byteLength > maxFileBytes) {
      throw new DiffShareError(`The diff is ${bytes.byteLength} bytes, more than the ${maxFileBytes} bytes this server takes as a file: share one file or a smaller range.`);
    }
    const file = await uploadFile(this.api, { groupId: group.id, name: PATCH_FILE_NAME, type: PATCH_FILE_TYPE, source: bytesSource(bytes), ...(options.signal ? { signal: options.signal } : {}) });
    try {
      options.signal?.throwIfAborted();
      return await this.sendMessage(group.id, { kind: 'diff', body: comment, diff, file, ...replyTo });
    } catch (error) {
      await this.api.dropUpload(group.id, file.id).catch(() => undefined);
      throw error;
    }
  }

  /** The unified diff a 'diff' message shares: inline, or its attachment fetched and checked. */
  async patchOf(message: ChatMessage): Promise<string> {
    if (message.status !== 'ok' || message.deleted || !message.diff) throw new DiffShareError('That message shares no diff (or it was deleted, or could not be read).');
    if (message.diff.patch !== undefined) return message.diff.patch;
    const held = this.patches.get(message.msgId);
    if (held !== undefined) return held;
    const bytes = await this.files.download(message.groupId, message.msgId);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (error) {
      throw new DiffShareError('The diff attached to that message is not text.', { cause: error });
    }
    if (this.patches.size >= CACHE_MAX) this.patches.delete(this.patches.keys().next().value as string);
    this.patches.set(message.msgId, text);
    return text;
  }
}
