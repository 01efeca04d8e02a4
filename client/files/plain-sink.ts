// Where a download's checked plaintext goes: memory, or a temporary file beside the target
// that becomes the target (rename) only once the whole file's hash matched.

import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export interface PlainSink {
  write(bytes: Uint8Array): Promise<void>;
  /** The bytes (memory) or undefined (the file is in place now). */
  finish(): Promise<Uint8Array | undefined>;
  discard(): Promise<void>;
}

/** Past this, a download goes to a file, not to memory. */
export const MAX_MEMORY_DOWNLOAD_BYTES = 512 * 1024 * 1024;

export function memorySink(size: number): PlainSink {
  if (size > MAX_MEMORY_DOWNLOAD_BYTES) throw new Error('The file is too large to open in memory; save it to a file instead.');
  const out = new Uint8Array(size);
  let offset = 0;
  return {
    async write(bytes) {
      if (offset + bytes.byteLength > size) throw new Error('The file is longer than its message says.');
      out.set(bytes, offset);
      offset += bytes.byteLength;
    },
    finish: async () => out,
    discard: async () => void out.fill(0),
  };
}

export async function fileSink(target: string): Promise<PlainSink> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`);
  const handle: FileHandle = await open(temp, 'wx', 0o600);
  let closed = false;
  const close = async () => {
    if (!closed) await handle.close();
    closed = true;
  };
  return {
    async write(bytes) {
      let written = 0;
      while (written < bytes.byteLength) written += (await handle.write(bytes, written, bytes.byteLength - written)).bytesWritten;
    },
    async finish() {
      await handle.sync();
      await close();
      await rename(temp, target);
      return undefined;
    },
    async discard() {
      await close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    },
  };
}
