// Where the extension keeps an account's search index: in VS Code's global storage for this
// extension, one file per account and server, named by a hash so the folder listing names no
// one. The file is sealed under the account's keys (client/search/sealed-index-file.ts).
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';

export function searchIndexPath(storageDir: string, server: string, username: string): string {
  const name = createHash('sha256').update(`teamchat/v1/search-index-file|${server}|${username}`).digest('hex').slice(0, 32);
  return path.join(storageDir, 'search', `${name}.bin`);
}

/** Sign-out while locked: the index of the account that was locked goes too. */
export async function eraseSearchIndex(storageDir: string, server: string, username: string): Promise<void> {
  await rm(searchIndexPath(storageDir, server, username), { force: true });
}
