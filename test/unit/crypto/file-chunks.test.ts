import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { FILE_CHUNK_OVERHEAD_BYTES } from '../../../common/api';
import {
  checkFileHash, chunkPlainBytes, FILE_CHUNK_OVERHEAD, FileChunkError, FileHash, newFileId, newFileKey, openFileChunk, sealFileChunk, type FileChunkProblem,
} from '../../../common/crypto';
import { fileChunkAad } from '../../../common/crypto/context';

function refusedAs(reason: FileChunkProblem) {
  return (error: unknown) => error instanceof FileChunkError && error.reason === reason && !/[0-9a-f]{32}/.test(error.message);
}

describe('file chunks', () => {
  const key = newFileKey();
  const fileId = newFileId();
  const chunkSize = 1024;
  const size = 2 * chunkSize + 100;
  const plain = new Uint8Array(randomBytes(size));
  const sealedChunks = [0, 1, 2].map((i) => sealFileChunk(key, fileId, i, i === 2, plain.subarray(i * chunkSize, i * chunkSize + chunkPlainBytes(size, chunkSize, i))));
  const open = (i: number, sealed: Uint8Array, chunks = 3) => openFileChunk(key, fileId, i, chunks, sealed, chunkPlainBytes(size, chunkSize, i));

  it('round-trips every chunk, each under a fresh nonce, and the whole hash matches', () => {
    const hash = new FileHash();
    for (const [i, sealed] of sealedChunks.entries()) {
      assert.equal(sealed.byteLength, chunkPlainBytes(size, chunkSize, i) + FILE_CHUNK_OVERHEAD);
      hash.update(open(i, sealed));
    }
    checkFileHash(hash.hex(), createHash('sha256').update(plain).digest('hex'));
    const again = sealFileChunk(key, fileId, 0, false, plain.subarray(0, chunkSize));
    assert.notDeepEqual(again.subarray(22, 34), sealedChunks[0]!.subarray(22, 34), 'a fresh nonce each time');
    assert.equal(FILE_CHUNK_OVERHEAD, FILE_CHUNK_OVERHEAD_BYTES, 'the server knows the overhead');
  });

  it('names what was done to a chunk: reordered, swapped, truncated, damaged', () => {
    assert.throws(() => open(0, sealedChunks[1]!), refusedAs('reordered'));
    assert.throws(() => open(1, sealedChunks[0]!), refusedAs('reordered'));
    const otherFile = sealFileChunk(newFileKey(), newFileId(), 1, false, plain.subarray(chunkSize, 2 * chunkSize));
    assert.throws(() => open(1, otherFile), refusedAs('swapped'));
    // The file cut after chunk 1 by a sender-side lie (chunk 1 sealed as last) or a reader told 2 chunks.
    assert.throws(() => open(1, sealedChunks[1]!, 2), refusedAs('damaged'));
    const lastTooEarly = sealFileChunk(key, fileId, 1, true, plain.subarray(chunkSize, 2 * chunkSize));
    assert.throws(() => open(1, lastTooEarly), refusedAs('truncated'));
    for (const at of [0, 5, 21, 30, 100, sealedChunks[0]!.byteLength - 1]) {
      const flipped = new Uint8Array(sealedChunks[0]!);
      flipped[at] = (flipped[at] as number) ^ 1;
      assert.throws(() => open(0, flipped), (error: unknown) => error instanceof FileChunkError, `byte ${at}`);
    }
    assert.throws(() => open(0, sealedChunks[0]!.subarray(0, 40)), refusedAs('damaged'));
    // A head rewritten to look right does not help: the AAD still binds the real place.
    const forgedHead = new Uint8Array(sealedChunks[1]!);
    forgedHead.set(sealedChunks[0]!.subarray(0, 22), 0);
    assert.throws(() => open(0, forgedHead), refusedAs('damaged'));
    assert.throws(() => openFileChunk(newFileKey(), fileId, 0, 3, sealedChunks[0]!, chunkSize), refusedAs('damaged'));
  });

  it('refuses a whole file whose hash is not the envelope\'s, in one sentence without secrets', () => {
    assert.throws(() => checkFileHash('a'.repeat(64), 'b'.repeat(64)), (error: unknown) => {
      assert.ok(error instanceof FileChunkError);
      assert.equal(error.reason, 'hash-mismatch');
      assert.match(error.message, /^The file was refused: .*\. Nothing was saved\.$/);
      return true;
    });
  });

  it('binds a labelled context and refuses a bad file id or index', () => {
    assert.equal(fileChunkAad(fileId, 7, true), `teamchat/v1/filechunk|${fileId}|7|last`);
    assert.throws(() => fileChunkAad('x', 0, false));
    assert.throws(() => fileChunkAad(fileId, -1, false));
  });
});
