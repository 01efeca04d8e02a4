// Reads the framed chunks of a download (u32 index, u32 length, sealed chunk; docs/files.md)
// off the response stream as they arrive, holding at most one chunk. A frame longer than any
// chunk can be is refused before it is buffered.

import { MAX_STORED_CHUNK_BYTES } from '../../common/api';
import { FileChunkError } from '../../common/crypto';

export interface ChunkFrame {
  idx: number;
  data: Uint8Array;
}

/** The stream stopped in the middle of a frame: the connection broke (worth resuming). */
export class CutShortError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The download was cut short; it resumes where it stopped.', options);
    this.name = 'CutShortError';
  }
}

export class ChunkFrames {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private ended = false;

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>, private readonly expectedIndex: () => number) {}

  /** The next frame, or undefined when the stream ended cleanly between frames. */
  async next(): Promise<ChunkFrame | undefined> {
    if (!(await this.fill(8))) return undefined;
    const head = this.take(8);
    const view = new DataView(head.buffer, head.byteOffset, 8);
    const idx = view.getUint32(0, false);
    const length = view.getUint32(4, false);
    if (length > MAX_STORED_CHUNK_BYTES) throw new FileChunkError('damaged', this.expectedIndex());
    if (!(await this.fill(length)) && length > 0) throw new CutShortError();
    return { idx, data: this.take(length) };
  }

  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }

  /** Reads until `bytes` are buffered; false when the stream ended before any more came (with none buffered). */
  private async fill(bytes: number): Promise<boolean> {
    while (this.pendingBytes < bytes) {
      if (this.ended) break;
      let result: Awaited<ReturnType<typeof this.reader.read>>;
      try {
        result = await this.reader.read();
      } catch (cause) {
        throw new CutShortError({ cause });
      }
      if (result.done) {
        this.ended = true;
        break;
      }
      this.pending.push(result.value);
      this.pendingBytes += result.value.byteLength;
    }
    if (this.pendingBytes >= bytes) return true;
    if (this.pendingBytes === 0) return false;
    throw new CutShortError();
  }

  private take(bytes: number): Uint8Array {
    const out = new Uint8Array(bytes);
    let filled = 0;
    while (filled < bytes) {
      const first = this.pending[0] as Uint8Array;
      const used = Math.min(first.byteLength, bytes - filled);
      out.set(first.subarray(0, used), filled);
      filled += used;
      if (used === first.byteLength) this.pending.shift();
      else this.pending[0] = first.subarray(used);
    }
    this.pendingBytes -= bytes;
    return out;
  }
}
