import http from 'node:http';
import { tally } from './tally';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface CallOptions {
  token?: string;
  /** Serialised as JSON. */
  body?: unknown;
  /** Sent verbatim instead of `body` (malformed JSON, odd encodings). */
  rawBody?: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiAnswer {
  status: number;
  text: string;
  json: unknown;
}

export interface JsonError {
  error: string;
  message: string;
}

/** Every 5xx answer the suite saw, for the suites that must prove there were none. */
export const serverErrors: { method: string; path: string; status: number; text: string; at: number }[] = [];

// Every HTTP request of the suite, the client core's included, goes through fetch: counting
// here makes the summary's request count and the 5xx record complete.
const realFetch = globalThis.fetch;
globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
  tally.requests += 1;
  const response = await realFetch(input, init);
  if (response.status >= 500) {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const text = await response.clone().text().catch(() => '');
    serverErrors.push({ method: init?.method ?? 'GET', path: url.pathname + url.search, status: response.status, text, at: Date.now() });
  }
  return response;
};

/**
 * One HTTP request to the server under test, counted in the summary line. Network
 * failures throw (the caller decides whether that is a fault it caused).
 */
export async function call(baseUrl: string, method: Method, path: string, options: CallOptions = {}): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
    headers['content-type'] = options.contentType ?? 'application/json';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? 'application/json';
  } else if (options.contentType !== undefined) {
    headers['content-type'] = options.contentType;
  }
  const { status, text } = body !== undefined && body.length > LARGE_BODY
    ? await sendLarge(baseUrl + path, method, headers, body)
    : await fetch(baseUrl + path, { method, headers, body, signal: options.signal }).then(async (r) => ({ status: r.status, text: await r.text() }));
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status, text, json };
}

const LARGE_BODY = 512 * 1024;

/**
 * A server may answer 413 from the headers alone and close while a large body is still
 * being written; fetch then reports only the broken pipe. This writes the body in chunks
 * and stops as soon as the answer is in.
 */
function sendLarge(url: string, method: Method, headers: Record<string, string>, body: string | Uint8Array): Promise<{ status: number; text: string }> {
  tally.requests += 1;
  const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(url, { method, agent: false, headers: { ...headers, 'content-length': String(bytes.length) } });
    request.on('response', (response) => {
      answered = true;
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => {
        if (response.statusCode && response.statusCode >= 500) serverErrors.push({ method, path: url, status: response.statusCode, text, at: Date.now() });
        resolve({ status: response.statusCode ?? 0, text });
      });
    });
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    request.flushHeaders();
    void (async () => {
      // Give a server that judges by Content-Length the chance to answer before any body.
      await new Promise((r) => setTimeout(r, 200));
      for (let offset = 0; offset < bytes.length && !answered && !request.destroyed; offset += 64 * 1024) {
        if (!request.write(bytes.subarray(offset, offset + 64 * 1024))) {
          await new Promise((r) => request.once('drain', r));
        }
      }
      if (!answered && !request.destroyed) request.end();
    })();
  });
}

export function isJsonError(json: unknown): json is JsonError {
  if (typeof json !== 'object' || json === null) return false;
  const { error, message } = json as Record<string, unknown>;
  return typeof error === 'string' && error.length > 0 && typeof message === 'string' && message.length > 0;
}

/** Throws unless the answer has the expected status; the message carries the body for diagnosis. */
export function expectStatus(answer: ApiAnswer, expected: number | readonly number[], what: string): void {
  const allowed = typeof expected === 'number' ? [expected] : expected;
  if (!allowed.includes(answer.status)) {
    throw new Error(`${what}: expected ${allowed.join(' or ')}, got ${answer.status} ${answer.text.slice(0, 300)}`);
  }
}
