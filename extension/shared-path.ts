// The path a shared snippet carries. Readers see it, so it must not tell them where the
// sender keeps files: inside a workspace folder it is the path from that folder, and outside
// every folder only the file's name (an absolute path names the sender's home and user).

import path from 'node:path';

/**
 * `filePath` and `folderPath` are URI paths (always "/"-separated); `folderPath` is the
 * workspace folder holding the file, if one does.
 */
export function sharedSnippetPath(filePath: string, folderPath: string | undefined): string {
  if (folderPath !== undefined) {
    const relative = path.posix.relative(folderPath, filePath);
    if (relative && !relative.startsWith('..') && !path.posix.isAbsolute(relative)) return relative;
  }
  return path.posix.basename(filePath);
}
