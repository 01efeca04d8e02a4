import { hash, verify } from '@node-rs/argon2';

/**
 * The authKey is 256 bits from HKDF over the client's Argon2id output, so it cannot be
 * guessed; this hash only keeps a stolen database from being a list of login keys. That is
 * why the parameters are far lighter than the client's t=3, 64 MiB, p=4 (the algorithm is
 * the library default, Argon2id).
 */
const SERVER_HASH = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashAuthKey(authKey: Buffer): Promise<string> {
  return hash(authKey, SERVER_HASH);
}

/** A hash of nothing anyone knows, checked for unknown usernames so both answers take as long. */
let decoyHash: Promise<string> | undefined;

export async function verifyAuthKey(storedHash: string | undefined, authKey: Buffer): Promise<boolean> {
  if (storedHash === undefined) {
    decoyHash ??= hashAuthKey(Buffer.alloc(32));
    await verify(await decoyHash, Buffer.from('not the key')).catch(() => false);
    return false;
  }
  return verify(storedHash, authKey).catch(() => false);
}
