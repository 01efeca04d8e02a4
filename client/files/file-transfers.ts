// Encrypted file attachments as a UI sees them: send a file (upload its encrypted chunks,
// then the 'file' message that carries its key), download one (fetch, check, decrypt), and
// the limits the server announces. docs/files.md.

import type { ApiClient } from '../api/api-client';
import type { GroupRef } from '../groups/group-directory';
import type { Group } from '../groups/verified-group';
import type { ChatMessage } from '../messages/chat-message';
import type { OutgoingMessage } from '../messages/message-sender';
import { downloadFile } from './file-download';
import { bytesSource, pathSource, type ChunkSource } from './file-source';
import type { DownloadOptions, FileLimits, FileSource, SendFileOptions } from './file-types';
import { checkFileName, uploadFile } from './file-upload';

/** What the transfers use of TeamChatClient: its public reading side and its sender. */
export interface FileTransferParts {
  group(ref: GroupRef): Promise<Group>;
  messages(ref: Group | string): ChatMessage[];
  history(ref: GroupRef): Promise<ChatMessage[]>;
  loadOlder(ref: GroupRef): Promise<{ messages: ChatMessage[]; hasMore: boolean }>;
}

/** How far back download() reads history for a message this client does not hold yet. */
const FIND_PAGES = 20;

export class FileTransfers {
  constructor(
    private readonly api: ApiClient,
    private readonly parts: FileTransferParts,
    private readonly sendMessage: (ref: GroupRef, outgoing: OutgoingMessage) => Promise<ChatMessage>,
  ) {}

  /** Encrypts and uploads the file, then sends the 'file' message; resolves with that message. */
  async send(ref: GroupRef, source: FileSource, options: SendFileOptions = {}): Promise<ChatMessage> {
    checkFileName(source.name);
    const group = await this.parts.group(ref);
    const chunks = await this.sourceOf(source);
    let file;
    try {
      file = await uploadFile(this.api, {
        groupId: group.id, name: source.name, type: source.type, source: chunks,
        ...(source.thumbnail ? { thumbnail: source.thumbnail } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } finally {
      await chunks.close();
    }
    try {
      options.signal?.throwIfAborted();
      return await this.sendMessage(group.id, { kind: 'file', body: options.comment ?? '', file, ...(options.replyTo ? { replyTo: options.replyTo } : {}) });
    } catch (error) {
      // Not sent (cancelled, or refused): the upload would only wait for the server to drop it.
      await this.api.dropUpload(group.id, file.id).catch(() => undefined);
      throw error;
    }
  }

  /** Downloads, checks and decrypts the file of message `msgId`; to memory, or to `options.toPath` (then undefined). */
  async download(ref: GroupRef, msgId: string, options: DownloadOptions = {}): Promise<Uint8Array | undefined> {
    const group = await this.parts.group(ref);
    const message = await this.find(group, msgId);
    if (!message) throw new Error('That message is not in this group (or could not be read).');
    if (message.status !== 'ok') throw new Error(`That message cannot be read, so neither can its file: ${message.problem ?? message.status}`);
    if (message.deleted || !message.file) throw new Error('That message carries no file (or it was deleted).');
    return downloadFile(this.api, {
      groupId: group.id, file: message.file,
      ...(options.toPath ? { toPath: options.toPath } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /** The server's per-file limit and this user's quota and usage. */
  async limits(): Promise<FileLimits> {
    const usage = await this.api.fileUsage();
    return { maxFileBytes: usage.maxFileBytes, quotaBytes: usage.quotaBytes, usedBytes: usage.usedBytes };
  }

  private async sourceOf(source: FileSource): Promise<ChunkSource> {
    if (source.bytes && source.path) throw new Error('Give a file\'s bytes or its path, not both.');
    if (source.bytes) return bytesSource(source.bytes);
    if (source.path) return pathSource(source.path);
    throw new Error('Give the file\'s bytes or its path.');
  }

  /** The message as this client holds it, reading older history for it if need be. */
  private async find(group: Group, msgId: string): Promise<ChatMessage | undefined> {
    const held = () => this.parts.messages(group.id).find((m) => m.msgId === msgId);
    if (!held()) await this.parts.history(group.id);
    for (let page = 0; page < FIND_PAGES && !held(); page++) {
      if (!(await this.parts.loadOlder(group.id)).hasMore) break;
    }
    return held();
  }
}
