// Uploads one file: a fresh key and id, then chunk by chunk (read, hash, seal, put) in order,
// so at most one chunk is in memory. A dropped connection is ridden out: the server is asked
// which chunks it holds, and only the missing ones are sent again. Answers the attachment
// the 'file' message will carry; the server never sees its key, name, type or hash.

import { DEFAULT_FILE_CHUNK_SIZE, FileHash, newFileId, newFileKey, sealFileChunk, toBase64 } from '../../common/crypto';
import { chunkCount, fileNameProblem, type FileAttachment, type FileThumbnail } from '../../common/messages/file-attachment';
import type { ApiClient } from '../api/api-client';
import type { ChunkSource } from './file-source';
import type { ProgressListener } from './file-types';
import { throwIfAborted, withRetries } from './transfer-retry';

export interface UploadRequest {
  groupId: string;
  name: string;
  type: string;
  source: ChunkSource;
  thumbnail?: FileThumbnail;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
  chunkSize?: number;
}

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** A MIME type as the envelope takes it: lowercase, no parameters; anything else is application/octet-stream. */
export function plainMimeType(type: string): string {
  const bare = type.split(';')[0]?.trim().toLowerCase() ?? '';
  return MIME.test(bare) ? bare : 'application/octet-stream';
}

/** Refuses a name the envelope would refuse, in the words of the envelope. */
export function checkFileName(name: string): void {
  const problem = fileNameProblem(name);
  if (problem) throw new Error(`The file cannot be sent: ${problem}.`);
}

/** Chunks sent at once: enough to overlap one chunk's commit with the next one's transfer. */
const PUTS_IN_FLIGHT = 3;

/** One chunk, retried; after a failure it may have arrived before the connection broke, so the server is asked first. */
async function putOne(api: ApiClient, groupId: string, fileId: string, idx: number, sealed: Uint8Array, signal: AbortSignal | undefined): Promise<void> {
  let first = true;
  await withRetries(async () => {
    if (!first && (await api.uploadStatus(groupId, fileId)).received.includes(idx)) return;
    first = false;
    await api.putChunk(groupId, fileId, idx, sealed, signal);
  }, signal);
}

export async function uploadFile(api: ApiClient, request: UploadRequest): Promise<FileAttachment> {
  const { groupId, source, signal } = request;
  checkFileName(request.name);
  const size = source.size;
  const chunkSize = request.chunkSize ?? DEFAULT_FILE_CHUNK_SIZE;
  const chunks = chunkCount(size, chunkSize);
  const fileId = newFileId();
  const key = newFileKey();
  const inFlight = new Set<Promise<void>>();
  try {
    const received = new Set((await withRetries(() => api.createUpload(groupId, { fileId, size, chunkSize, chunks }), signal)).received);
    const hash = new FileHash();
    // Reading, hashing and sealing go in order; up to PUTS_IN_FLIGHT chunks travel at once.
    let failure: { error: unknown } | undefined;
    let sent = 0;
    for (let idx = 0; idx < chunks && !failure; idx++) {
      throwIfAborted(signal);
      const offset = idx * chunkSize;
      const plain = await source.read(offset, Math.min(chunkSize, size - offset));
      hash.update(plain);
      const bytes = plain.byteLength;
      const done = () => request.onProgress?.(Math.min(size, (sent += bytes)), size);
      if (received.has(idx)) {
        done();
        continue;
      }
      const sealed = sealFileChunk(key, fileId, idx, idx === chunks - 1, plain);
      const put = putOne(api, groupId, fileId, idx, sealed, signal).then(done, (error: unknown) => {
        failure ??= { error };
      });
      inFlight.add(put);
      void put.finally(() => inFlight.delete(put));
      if (inFlight.size >= PUTS_IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failure) throw failure.error;
    if (size === 0) request.onProgress?.(0, 0);
    const done = await withRetries(() => api.completeUpload(groupId, fileId), signal);
    if (!done.complete) throw new Error('The server did not complete the upload; send the file again.');
    const file: FileAttachment = { id: fileId, key: toBase64(key), sha256: hash.hex(), name: request.name, type: plainMimeType(request.type), size, chunkSize, chunks };
    if (request.thumbnail) file.thumbnail = request.thumbnail;
    return file;
  } catch (error) {
    // Cancelled or failed: let the chunks on their way settle, then free the quota now rather than when the server drops it.
    await Promise.all(inFlight);
    await api.dropUpload(groupId, fileId).catch(() => undefined);
    throw error;
  } finally {
    key.fill(0);
  }
}
