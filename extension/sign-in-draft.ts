// The answers of a sign-up or sign-in that failed, kept so that "Try Again" or "Edit Answers"
// asks nothing twice. Memory only (never settings or SecretStorage), dropped after a success or
// ten minutes, whichever comes first: the passphrase is in it.
import type { Credentials } from './account-manager';

const KEEP_MS = 10 * 60_000;

type Mode = 'signUp' | 'signIn';
let kept: { mode: Mode; credentials: Credentials; timer: NodeJS.Timeout } | undefined;

export function keepDraft(mode: Mode, credentials: Credentials): void {
  dropDraft();
  const timer = setTimeout(dropDraft, KEEP_MS);
  timer.unref();
  kept = { mode, credentials, timer };
}

/** The last failed attempt's answers for this mode, if they are still kept. */
export function draftFor(mode: Mode): Credentials | undefined {
  return kept?.mode === mode ? kept.credentials : undefined;
}

export function dropDraft(): void {
  if (kept) clearTimeout(kept.timer);
  kept = undefined;
}
