// Decrypted files opened in VS Code live here: a private folder under the extension's global
// storage, one per window, each file in a folder with a random name (so no file of one message
// can take another's place), readable by the user only. The folder goes when the extension
// stops; one left by a window that crashed goes three days later.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const LEFT_OVER_MS = 3 * 24 * 60 * 60 * 1000;

export class TempFiles {
  /** This window's folder. */
  readonly dir: string;

  constructor(root: string, now = Date.now()) {
    this.dir = join(root, `w-${randomBytes(12).toString('hex')}`);
    sweep(root, now);
  }

  /** Writes `bytes` under `name` (a safe disk name) in a fresh random folder; returns the path. */
  async write(name: string, bytes: Uint8Array): Promise<string> {
    const folder = join(this.dir, randomBytes(16).toString('hex'));
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const path = join(folder, name);
    await writeFile(path, bytes, { mode: 0o600, flag: 'wx' });
    return path;
  }

  /** Synchronous, so it finishes before the extension host exits. */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Folders of windows gone for three days (a live window writes to its own folder when it opens a file). */
function sweep(root: string, now: number): void {
  try {
    mkdirSync(root, { recursive: true, mode: 0o700 });
    for (const entry of readdirSync(root)) {
      const path = join(root, entry);
      if (entry.startsWith('w-') && now - statSync(path).mtimeMs > LEFT_OVER_MS) rmSync(path, { recursive: true, force: true });
    }
  } catch {
    // Nothing to sweep, or not now: the next start tries again.
  }
}
