// What a route reads from a body that sets a passphrase (register, change, recovery reset):
// the KDF checked strong enough, 32-byte keys decoded, and for a change or reset the caller's
// new sign-in (refresh token and family) made ready.
import { MIN_KDF, type Kdf } from '../../common/api';
import { hashAuthKey } from '../auth/auth-key-hash';
import { newRefreshToken } from '../auth/tokens';
import { newTokenFamily } from '../store/refresh-tokens';
import type { PassphraseReplacement } from '../store/passphrase';
import { badRequest } from './errors';

export function assertStrongKdf(kdf: Kdf): void {
  if (kdf.memoryKiB < MIN_KDF.memoryKiB || kdf.iterations < MIN_KDF.iterations || kdf.parallelism < MIN_KDF.parallelism) {
    throw badRequest('weak_kdf', 'The key derivation is weaker than Argon2id t=3, 64 MiB, p=4; update the client.');
  }
  if (Buffer.from(kdf.saltB64, 'base64').length < 16) {
    throw badRequest('weak_kdf', 'The key derivation salt is shorter than 16 bytes; update the client.');
  }
}

export function decode32(b64: string, what: string): Buffer {
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length !== 32) throw badRequest('invalid_request', `The ${what} must be 32 bytes.`);
  return bytes;
}

/** The new salt, authKey hash and sealed vault of a change or reset, and the sign-in the caller gets. */
export async function passphraseReplacement(body: { kdf: Kdf; authKeyB64: string; keyVaultB64: string }): Promise<PassphraseReplacement> {
  assertStrongKdf(body.kdf);
  return {
    kdf: body.kdf,
    authKeyHash: await hashAuthKey(decode32(body.authKeyB64, 'authKey')),
    keyVault: Buffer.from(body.keyVaultB64, 'base64'),
    refreshToken: newRefreshToken(),
    familyId: newTokenFamily(),
  };
}
