// What a UI hands the file transfers and gets back: the shapes of client/files/file-transfers.ts.

import type { FileThumbnail } from '../../common/messages/file-attachment';

export type { FileAttachment, FileThumbnail } from '../../common/messages/file-attachment';

/** `done` and `total` in plaintext bytes. */
export type ProgressListener = (done: number, total: number) => void;

/** A file to send: its bytes in memory, or a path to stream from (then `bytes` is left out). */
export interface FileSource {
  /** Shown to readers; a plain name (no path separators, control or bidi characters). */
  name: string;
  /** MIME type; an unknown one is sent as application/octet-stream. */
  type: string;
  bytes?: Uint8Array;
  path?: string;
  /** Made by the caller (an image's preview), at most 24 KiB. */
  thumbnail?: FileThumbnail;
}

export interface SendFileOptions {
  /** Text sent with the file, as the message body. */
  comment?: string;
  replyTo?: string;
  onProgress?: ProgressListener;
  /** Aborting stops the upload (the server drops the unfinished upload later) and rejects with an AbortError. */
  signal?: AbortSignal;
}

export interface DownloadOptions {
  onProgress?: ProgressListener;
  signal?: AbortSignal;
  /** Stream to this path (written to a temporary file beside it, renamed once the hash matched); resolves undefined. */
  toPath?: string;
}

export interface FileLimits {
  /** The largest file the server accepts, in bytes (what GET /api/server announces). */
  maxFileBytes: number;
  /** This user's quota over every file they uploaded, in bytes; null when the server sets none. */
  quotaBytes: number | null;
  /** Bytes this user's uploads take now (their stored ciphertext). */
  usedBytes: number;
}
