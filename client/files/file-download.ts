// Downloads one file: reads the framed chunks as they stream in, opens each where it must
// sit (its file, its index, last or not: common/crypto/file-chunks.ts), writes the plaintext
// out, and at the end checks the whole file's SHA-256 against the signed envelope. A dropped
// connection resumes from the next chunk; anything the server changed is refused with a
// FileChunkError naming it, and nothing is kept.

import { chunkPlainBytes, checkFileHash, FileChunkError, FileHash, fromBase64, openFileChunk } from '../../common/crypto';
import type { FileAttachment } from '../../common/messages/file-attachment';
import type { ApiClient } from '../api/api-client';
import { backoffDelay } from '../events/backoff';
import { ServerUnreachableError } from '../errors';
import { ChunkFrames, CutShortError } from './chunk-frames';
import type { ProgressListener } from './file-types';
import { fileSink, memorySink, type PlainSink } from './plain-sink';
import { abortError, isTransient, pause, throwIfAborted, TRANSFER_ATTEMPTS, TRANSFER_BACKOFF } from './transfer-retry';

export interface DownloadRequest {
  groupId: string;
  file: FileAttachment;
  toPath?: string;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

export async function downloadFile(api: ApiClient, request: DownloadRequest): Promise<Uint8Array | undefined> {
  const { file, signal } = request;
  const key = fromBase64(file.key, 'file key');
  const sink: PlainSink = request.toPath ? await fileSink(request.toPath) : memorySink(file.size);
  const hash = new FileHash();
  const at = { next: 0 };
  let failures = 0;
  try {
    while (at.next < file.chunks) {
      throwIfAborted(signal);
      const before = at.next;
      try {
        await readFrom(api, request, key, at, async (plain) => {
          hash.update(plain);
          await sink.write(plain);
        });
        // The server ended its answer with chunks still to come: it does not have them.
        if (at.next < file.chunks) throw new FileChunkError('truncated', at.next);
      } catch (error) {
        if (signal?.aborted) throw abortError(signal);
        const resumable = error instanceof CutShortError || isTransient(error);
        if (!resumable) throw error;
        failures = at.next > before ? 1 : failures + 1;
        if (failures >= TRANSFER_ATTEMPTS) throw error instanceof CutShortError ? new ServerUnreachableError(api.server, { cause: error }) : error;
        await pause(backoffDelay(failures - 1, TRANSFER_BACKOFF), signal);
      }
    }
    checkFileHash(hash.hex(), file.sha256);
    return await sink.finish();
  } catch (error) {
    await sink.discard();
    throw error;
  } finally {
    key.fill(0);
  }
}

/** One request from chunk `at.next`: opens and hands on each chunk in order, moving `at.next` past it. */
async function readFrom(api: ApiClient, request: DownloadRequest, key: Uint8Array, at: { next: number }, take: (plain: Uint8Array) => Promise<void>): Promise<void> {
  const { file, groupId, signal } = request;
  const response = await api.fileContent(groupId, file.id, at.next, signal);
  if (!response.body) return;
  const frames = new ChunkFrames(response.body.getReader(), () => at.next);
  try {
    for (;;) {
      const frame = await frames.next();
      if (!frame || at.next >= file.chunks) return;
      if (frame.idx > at.next) throw new FileChunkError('dropped', at.next);
      if (frame.idx < at.next) throw new FileChunkError('reordered', at.next);
      const plain = openFileChunk(key, file.id, at.next, file.chunks, frame.data, chunkPlainBytes(file.size, file.chunkSize, at.next));
      await take(plain);
      at.next++;
      request.onProgress?.(Math.min(file.size, at.next * file.chunkSize), file.size);
    }
  } finally {
    await frames.cancel();
  }
}
