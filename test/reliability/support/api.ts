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

export class ServerErrorSeen extends Error {
  constructor(method: Method, path: string, status: number, text: string) {
    super(`${method} ${path} answered ${status}: ${text.slice(0, 300)}`);
    this.name = 'ServerErrorSeen';
  }
}

/** Every 5xx answer the suite saw, for the suites that must prove there were none. */
export const serverErrors: { method: Method; path: string; status: number; text: string; at: number }[] = [];

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
  tally.requests += 1;
  const response = await fetch(baseUrl + path, { method, headers, body, signal: options.signal });
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (response.status >= 500) serverErrors.push({ method, path, status: response.status, text, at: Date.now() });
  return { status: response.status, text, json };
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
