// Reconnect delays: exponential with full jitter (AWS architecture blog), so a server that
// comes back is not hit by every client at the same instant.

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2 };

/** Delay before reconnect attempt `attempt` (0 for the first retry). `random` is in [0, 1). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * options.factor ** Math.max(0, attempt));
  // Half fixed, half jitter: never a zero delay, never above the ceiling.
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
