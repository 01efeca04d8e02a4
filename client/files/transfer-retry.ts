// How a file transfer rides out a dropped connection or a server restarting: the step is
// tried again after a growing, jittered pause, a few times, and never after an abort.

import { backoffDelay, type BackoffOptions } from '../events/backoff';
import { ServerError, ServerUnreachableError } from '../errors';

export const TRANSFER_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 8_000, factor: 2 };
/** Tries of one step (one chunk, one request) before its error is the transfer's. */
export const TRANSFER_ATTEMPTS = 8;

/** A failure that may pass: the network, a 5xx (a restart), a 408 or 429. */
export function isTransient(error: unknown): boolean {
  if (error instanceof ServerUnreachableError) return true;
  return error instanceof ServerError && (error.status >= 500 || error.status === 408 || error.status === 429);
}

export function abortError(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('The transfer was cancelled.', 'AbortError');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  throwIfAborted(signal);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `step` until it succeeds, retrying transient failures with backoff. `beforeRetry`
 * runs before each retry (e.g. to ask the server what it holds now).
 */
export async function withRetries<T>(step: () => Promise<T>, signal: AbortSignal | undefined, backoff: BackoffOptions = TRANSFER_BACKOFF): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    throwIfAborted(signal);
    try {
      return await step();
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      if (!isTransient(error) || attempt + 1 >= TRANSFER_ATTEMPTS) throw error;
      await pause(backoffDelay(attempt, backoff), signal);
    }
  }
}
