// Encrypted file attachments, chunk by chunk (docs/files.md). Each file has its own random
// 32-byte key and random id. A sealed chunk is
//   version (1) || file id (16) || index (u32) || flags (1: last) || nonce (12) || ciphertext || tag (16)
// and the head (version, id, index, flags) is also bound in the AAD with a labelled context,
// so a chunk opens only under its own file, at its own place, as last or not: reordering,
// dropping, swapping chunks between files and truncating the file all fail, and the head
// (which says nothing the server does not know: it stores the chunk under that file and
// index) only serves to name what went wrong. After the last chunk, the SHA-256 of the whole
// plaintext must match the one in the (signed) message envelope.

import { createHash, randomBytes, type Hash } from 'node:crypto';
import { aesGcmOpen, aesGcmSeal, AES_KEY_BYTES, GCM_NONCE_BYTES, GCM_TAG_BYTES } from './aes-gcm';
import { utf8 } from './bytes';
import { fileChunkAad } from './context';
import { AuthenticationError, TeamChatCryptoError } from './errors';

export const FILE_CHUNK_VERSION = 1;
const HEAD_BYTES = 1 + 16 + 4 + 1;
/** What sealing adds to each chunk: head, nonce and tag. */
export const FILE_CHUNK_OVERHEAD = HEAD_BYTES + GCM_NONCE_BYTES + GCM_TAG_BYTES;
/** The plaintext bytes per chunk this client seals. */
export const DEFAULT_FILE_CHUNK_SIZE = 256 * 1024;

export type FileChunkProblem = 'reordered' | 'dropped' | 'swapped' | 'truncated' | 'damaged' | 'hash-mismatch';

const SENTENCES: Record<FileChunkProblem, string> = {
  reordered: 'its chunks came back in another order than they were sent',
  dropped: 'a chunk of it is missing',
  swapped: 'a chunk of another file was put in its place',
  truncated: 'it was cut short',
  damaged: 'a chunk of it is damaged',
  'hash-mismatch': 'what was downloaded is not the file that was sent (its hash differs)',
};

/** A file did not download as it was sent; the message is one sentence for a person. */
export class FileChunkError extends TeamChatCryptoError {
  constructor(readonly reason: FileChunkProblem, readonly index?: number, options?: { cause?: unknown }) {
    super(`The file was refused: ${SENTENCES[reason]}${index === undefined ? '' : ` (chunk ${index + 1})`}. Nothing was saved.`, options);
  }
}

export function newFileKey(): Uint8Array {
  return new Uint8Array(randomBytes(AES_KEY_BYTES));
}

/** 16 random bytes as 32 lowercase hex, like a msgId. */
export function newFileId(): string {
  return randomBytes(16).toString('hex');
}

function head(fileId: string, index: number, last: boolean): Uint8Array {
  const out = new Uint8Array(HEAD_BYTES);
  out[0] = FILE_CHUNK_VERSION;
  out.set(Buffer.from(fileId, 'hex'), 1);
  new DataView(out.buffer).setUint32(17, index, false);
  out[21] = last ? 1 : 0;
  return out;
}

function aad(fileId: string, index: number, last: boolean, chunkHead: Uint8Array): Uint8Array {
  const label = utf8(fileChunkAad(fileId, index, last));
  const out = new Uint8Array(label.byteLength + chunkHead.byteLength);
  out.set(label, 0);
  out.set(chunkHead, label.byteLength);
  return out;
}

/** Seals chunk `index` of file `fileId` under a fresh nonce. */
export function sealFileChunk(key: Uint8Array, fileId: string, index: number, last: boolean, plaintext: Uint8Array): Uint8Array {
  const chunkHead = head(fileId, index, last);
  const nonce = new Uint8Array(randomBytes(GCM_NONCE_BYTES));
  const sealed = aesGcmSeal(key, nonce, plaintext, aad(fileId, index, last, chunkHead));
  const out = new Uint8Array(HEAD_BYTES + GCM_NONCE_BYTES + sealed.byteLength);
  out.set(chunkHead, 0);
  out.set(nonce, HEAD_BYTES);
  out.set(sealed, HEAD_BYTES + GCM_NONCE_BYTES);
  return out;
}

/** What went wrong with a chunk that did not open where it was expected, from what its head says. */
function diagnose(sealed: Uint8Array, fileId: string, index: number, last: boolean): FileChunkProblem {
  if (sealed.byteLength < FILE_CHUNK_OVERHEAD || sealed[0] !== FILE_CHUNK_VERSION) return 'damaged';
  const claimedId = Buffer.from(sealed.subarray(1, 17)).toString('hex');
  const claimedIndex = new DataView(sealed.buffer, sealed.byteOffset, sealed.byteLength).getUint32(17, false);
  const claimedLast = sealed[21] === 1;
  if (claimedId !== fileId) return 'swapped';
  if (claimedIndex !== index) return 'reordered';
  if (claimedLast && !last) return 'truncated';
  return 'damaged';
}

/**
 * Opens chunk `index` of file `fileId` (of `chunks`); a chunk that does not open there throws
 * FileChunkError naming why. `expectedBytes`: the plaintext length the envelope implies.
 */
export function openFileChunk(key: Uint8Array, fileId: string, index: number, chunks: number, sealed: Uint8Array, expectedBytes: number): Uint8Array {
  const last = index === chunks - 1;
  const chunkHead = head(fileId, index, last);
  const problem = (): FileChunkError => new FileChunkError(diagnose(sealed, fileId, index, last), index);
  if (sealed.byteLength !== expectedBytes + FILE_CHUNK_OVERHEAD) throw problem();
  if (!Buffer.from(sealed.subarray(0, HEAD_BYTES)).equals(chunkHead)) throw problem();
  try {
    return aesGcmOpen(key, sealed.subarray(HEAD_BYTES, HEAD_BYTES + GCM_NONCE_BYTES), sealed.subarray(HEAD_BYTES + GCM_NONCE_BYTES), aad(fileId, index, last, chunkHead));
  } catch (error) {
    if (error instanceof AuthenticationError) throw new FileChunkError('damaged', index, { cause: error });
    throw error;
  }
}

/** Plaintext bytes of chunk `index` of a file of `size` bytes cut at `chunkSize`. */
export function chunkPlainBytes(size: number, chunkSize: number, index: number): number {
  return Math.max(0, Math.min(chunkSize, size - index * chunkSize));
}

/** The SHA-256 of a file, fed chunk by chunk in order. */
export class FileHash {
  private readonly hash: Hash = createHash('sha256');

  update(bytes: Uint8Array): void {
    this.hash.update(bytes);
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}

/** Throws FileChunkError('hash-mismatch') unless `actual` is the hash the envelope gave. */
export function checkFileHash(actual: string, expected: string): void {
  if (actual !== expected) throw new FileChunkError('hash-mismatch');
}
