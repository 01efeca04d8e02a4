import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The recovery auth key is HKDF output over 256 random bits, so unlike a passphrase it
 * cannot be guessed from its hash: one SHA-256 (with a label, so it matches no other hash in
 * the database) keeps a stolen database from being a list of recovery proofs, and a slow
 * hash would only add work the server does for anyone who asks. The auth key opens nothing
 * either way: the recovery kek is another HKDF output of the key.
 */
export function hashRecoveryAuthKey(recoveryAuthKey: Buffer): Buffer {
  return createHash('sha256').update('teamchat/v1/recovery-auth-hash\0').update(recoveryAuthKey).digest();
}

/** Constant-time; an unknown user (no stored hash) is checked against a decoy so both take as long. */
export function verifyRecoveryAuthKey(storedHash: Uint8Array | undefined, recoveryAuthKey: Buffer): boolean {
  const presented = hashRecoveryAuthKey(recoveryAuthKey);
  const expected = storedHash ? Buffer.from(storedHash) : Buffer.alloc(presented.length);
  return expected.length === presented.length && timingSafeEqual(expected, presented) && storedHash !== undefined;
}
