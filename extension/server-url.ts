// A TeamChat server must be reached over https, so tokens and ciphertext never travel in the
// clear; plain http is allowed only on this machine (loopback), for development and tests.

export class InvalidServerUrlError extends Error {
  override name = 'InvalidServerUrlError';
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Returns the URL normalised (no trailing slash), or throws InvalidServerUrlError. */
export function checkServerUrl(raw: string): string {
  const text = raw.trim();
  if (!text) throw new InvalidServerUrlError('No TeamChat server is set: set "teamchat.serverUrl" to your team\'s server, e.g. https://chat.example.com.');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidServerUrlError(`"${text}" is not a URL: set "teamchat.serverUrl" to e.g. https://chat.example.com.`);
  }
  if (url.username || url.password) throw new InvalidServerUrlError('The server URL must not contain a user name or password.');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new InvalidServerUrlError(`The server URL must use https (http is allowed only for localhost): change "${url.host}" to https://${url.host}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidServerUrlError('The server URL must start with https://.');
  if (url.search || url.hash) throw new InvalidServerUrlError('The server URL must not have a query or fragment.');
  return url.toString().replace(/\/+$/, '');
}
