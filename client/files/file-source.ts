// Where the plaintext of a file to send comes from, one chunk at a time: a buffer in memory,
// or a file on disk read at each chunk's offset (never read whole).

import { open, type FileHandle } from 'node:fs/promises';

export interface ChunkSource {
  readonly size: number;
  /** The `length` bytes at `offset`; throws if the file changed under it. */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function bytesSource(bytes: Uint8Array): ChunkSource {
  return {
    size: bytes.byteLength,
    read: async (offset, length) => bytes.subarray(offset, offset + length),
    close: async () => undefined,
  };
}

export async function pathSource(path: string): Promise<ChunkSource> {
  const handle: FileHandle = await open(path, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error(`${path} is not a file.`);
    return {
      size: stat.size,
      async read(offset, length) {
        const buffer = new Uint8Array(length);
        let filled = 0;
        while (filled < length) {
          const { bytesRead } = await handle.read(buffer, filled, length - filled, offset + filled);
          if (bytesRead === 0) throw new Error(`${path} got shorter while it was being sent; send it again.`);
          filled += bytesRead;
        }
        return buffer;
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
