// The one name every clone of a repository shares: its remote URL reduced to "host/path", so
// git@github.com:o/r.git, https://github.com/o/r and ssh://git@github.com/o/r.git all agree.
// Credentials, ports, query and fragment are dropped (a URL may hold a token); the result is
// only ever hashed before it leaves the machine (client/code/code-hashes.ts). Pure, for any side.

const MAX_URL_CHARS = 2048;
const SCHEMES = new Set(['https:', 'http:', 'ssh:', 'git:', 'git+ssh:', 'ssh+git:']);
// [user@]host:path, git's scp-like syntax: no scheme, and a colon before any slash.
const SCP_LIKE = /^(?:[^@/:\s]+@)?([^@/:\s]+):(?!\/\/)(.+)$/;
const UNSAFE = /[\u0000-\u001f\u007f\s\\]/;

/**
 * "host/owner/name" in lowercase, or undefined for what names no shared repository (a local
 * path, file://, an unknown scheme, anything malformed or over 2048 characters).
 */
export function normalizeRemoteUrl(url: string): string | undefined {
  const trimmed = url.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_URL_CHARS || UNSAFE.test(trimmed)) return undefined;
  let host: string;
  let path: string;
  const scp = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? null : SCP_LIKE.exec(trimmed);
  if (scp) {
    // A one-letter "host" is a Windows drive (C:/repo), not a machine.
    if (scp[1]!.length === 1) return undefined;
    host = scp[1]!;
    path = scp[2]!;
  } else {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      return undefined;
    }
    if (!SCHEMES.has(parsed.protocol.toLowerCase()) || !parsed.hostname) return undefined;
    host = parsed.hostname;
    path = decodePath(parsed.pathname);
  }
  const segments = path.split('/').filter((s) => s.length > 0);
  if (segments.length === 0 || segments.some((s) => s === '.' || s === '..')) return undefined;
  const last = segments.length - 1;
  segments[last] = segments[last]!.replace(/\.git$/i, '');
  if (segments[last] === '') return undefined;
  return `${host.replace(/^\[|\]$/g, '')}/${segments.join('/')}`.toLowerCase();
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}
