// The one rule for a new passphrase, used by the CLI's register and the extension's Sign Up,
// and checked again by signUp itself so no caller can skip it. The passphrase is all that
// protects the key vault the server stores, so it must resist guessing offline.

import { TeamChatClientError } from '../errors';

export const MIN_PASSPHRASE_CHARS = 12;

/** Why a new passphrase is refused, in one sentence; undefined when it is long enough. */
export function newPassphraseProblem(passphrase: string): string | undefined {
  const chars = [...passphrase].length;
  if (chars >= MIN_PASSPHRASE_CHARS) return undefined;
  return `Use a passphrase of at least ${MIN_PASSPHRASE_CHARS} characters (this one has ${chars}); a few words you will remember are best.`;
}

export class WeakPassphraseError extends TeamChatClientError {}

export function assertNewPassphrase(passphrase: string): void {
  const problem = newPassphraseProblem(passphrase);
  if (problem) throw new WeakPassphraseError(problem);
}
