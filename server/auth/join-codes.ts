import { createHash, randomBytes } from 'node:crypto';

/**
 * An invite code: 24 random bytes (192 bits) as 32 base64url characters, drawn again if it
 * would start with "-" or "_" (a command line would take "-…" for an option), so ~191.9 bits.
 */
export function newInviteCode(): string {
  for (;;) {
    const code = randomBytes(24).toString('base64url');
    if (/^[A-Za-z0-9]/.test(code)) return code;
  }
}

/** The setup code: "setup-" so a client can tell it from an invite, then 24 random bytes. */
export function newSetupCode(): string {
  return `setup-${randomBytes(24).toString('base64url')}`;
}

/**
 * What the database keeps of a code. The codes are random and long, so a plain SHA-256
 * cannot be guessed back; without the code itself, a dump registers no one.
 */
export function hashJoinCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
