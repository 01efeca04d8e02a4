import { TeamChatClientError } from '../errors';

export class InvalidServerUrlError extends TeamChatClientError {
  constructor(value: string) {
    super(`"${value}" is not a server address; use e.g. https://chat.example.com (plain http only for localhost).`);
  }
}

const LOOPBACK = /^(localhost|127\.[0-9.]+|\[::1\])$/;

/**
 * The canonical form of a server address (no trailing slash), which is also the key under
 * which public keys are pinned, so "https://x/" and "https://x" share one set of pins.
 */
export function normalizeServerUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidServerUrlError(value);
  }
  const plainHttpAllowed = url.protocol === 'http:' && LOOPBACK.test(url.hostname);
  if (url.protocol !== 'https:' && !plainHttpAllowed) throw new InvalidServerUrlError(value);
  if (url.username || url.password || url.search || url.hash) throw new InvalidServerUrlError(value);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The WebSocket address of the event stream under a server address. */
export function eventsUrl(server: string, path: string): string {
  return `${server.replace(/^http/, 'ws')}${path}`;
}
