// The signed-in routes whose body or answer is bytes (file chunks, docs/files.md): the same
// token refresh and error answers as ApiClient's JSON requests, with an AbortSignal, and the
// Response handed back unread so a download is read as a stream.

import { isApiError } from '../../common/api';
import { ServerError, ServerUnreachableError } from '../errors';
import type { Method, TokenSource } from './api-client';

// session_ended and account_deactivated too: the refresh that follows ends the session with the right reason.
export const REJECTED_TOKEN_CODES = new Set(['token_expired', 'unauthorized', 'session_ended', 'account_deactivated']);

export interface ByteRequestInit {
  body?: Uint8Array;
  query?: Record<string, number>;
  signal?: AbortSignal;
}

async function errorOf(response: Response): Promise<ServerError> {
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (isApiError(json)) return new ServerError(response.status, json.error, json.message);
  return new ServerError(response.status, 'http_error', `The server answered ${response.status}.`);
}

/** The Response once it is 2xx; otherwise throws as ApiClient's requests do (an abort throws the signal's reason). */
export async function byteRequest(fetchImpl: typeof fetch, server: string, tokens: TokenSource, method: Method, path: string, init: ByteRequestInit): Promise<Response> {
  const url = new URL(server + path);
  for (const [key, value] of Object.entries(init.query ?? {})) url.searchParams.set(key, String(value));
  const attempt = async (token: string): Promise<Response> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/octet-stream, application/json' };
    if (init.body) headers['content-type'] = 'application/octet-stream';
    let response: Response;
    try {
      // A copy typed as an ArrayBuffer view, which fetch takes under the DOM's types as under Node's.
      response = await fetchImpl(url, { method, headers, body: init.body ? new Uint8Array(init.body) : undefined, signal: init.signal });
    } catch (cause) {
      if (init.signal?.aborted) throw init.signal.reason;
      throw new ServerUnreachableError(server, { cause });
    }
    if (response.ok) return response;
    throw await errorOf(response);
  };
  const token = await tokens.accessToken();
  try {
    return await attempt(token);
  } catch (error) {
    if (!(error instanceof ServerError) || error.status !== 401 || !REJECTED_TOKEN_CODES.has(error.code)) throw error;
    return attempt(await tokens.refreshAfterRejection(token));
  }
}
