// The hashes a snippet's origin carries (common/messages/snippet-origin.ts), computed where
// node:crypto is at hand: the extension and the client core, never the webview.
import { createHash } from 'node:crypto';
import { normalizeRemoteUrl } from '../../common/code/remote-identity';
import { normalizedLineEndings } from '../../common/code/text-locate';

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** What names a repository in a snippet's origin: SHA-256 of its normalized remote URL, or undefined for a URL that names no shared repository. */
export function repositoryIdentity(remoteUrl: string): string | undefined {
  const normalized = normalizeRemoteUrl(remoteUrl);
  return normalized === undefined ? undefined : sha256Hex(normalized);
}

/** A snippet's text hash: the same for a CRLF and an LF copy of the lines. */
export function snippetTextHash(code: string): string {
  return sha256Hex(normalizedLineEndings(code));
}
