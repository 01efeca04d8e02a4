// Encrypted file attachments as a UI sees them: send a file (upload its encrypted chunks,
// then the 'file' message that carries its key), download one (fetch, check, decrypt), and
// the limits the server announces. docs/files.md.

import type { ApiClient } from '../api/api-client';
import type { GroupRef } from '../groups/group-directory';
import type { Group } from '../groups/verified-group';
import type { ChatMessage } from '../messages/chat-message';
import type { OutgoingMessage } from '../messages/message-sender';
import type { DownloadOptions, FileLimits, FileSource, SendFileOptions } from './file-types';

export interface FileTransferParts {
  group(ref: GroupRef): Promise<Group>;
  /** Sends a message the way TeamChatClient does (timeline and all). */
  send(ref: GroupRef, outgoing: OutgoingMessage): Promise<ChatMessage>;
  /** A message this client holds, if it does. */
  held(groupId: string, msgId: string): ChatMessage | undefined;
}

export class FileTransfers {
  constructor(private readonly api: ApiClient, private readonly parts: FileTransferParts) {}

  /** Encrypts and uploads the file, then sends the 'file' message; resolves with that message. */
  async send(ref: GroupRef, source: FileSource, options: SendFileOptions = {}): Promise<ChatMessage> {
    void [ref, source, options, this.api, this.parts];
    throw new Error('Not built yet.');
  }

  /** Downloads, checks and decrypts the file of message `msgId`; to memory, or to `options.toPath` (then undefined). */
  async download(ref: GroupRef, msgId: string, options: DownloadOptions = {}): Promise<Uint8Array | undefined> {
    void [ref, msgId, options];
    throw new Error('Not built yet.');
  }

  /** The server's per-file limit and this user's quota and usage. */
  async limits(): Promise<FileLimits> {
    throw new Error('Not built yet.');
  }
}
