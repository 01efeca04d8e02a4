import { hash, verify } from '@node-rs/argon2';

/**
 * The authKey is 256 bits from HKDF over the client's Argon2id output, so it cannot be
 * guessed; this hash only keeps a stolen database from being a list of login keys. That is
 * why the parameters are far lighter than the client's t=3, 64 MiB, p=4 (the algorithm is
 * the library default, Argon2id).
 */
const SERVER_HASH = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * @node-rs/argon2 2.2's verify() rejects passwords that are not UTF-8 ("invalid utf-8
 * sequence"), so the 32 bytes go in as their canonical base64, which carries the same bits.
 */
const asPassword = (authKey: Buffer) => authKey.toString('base64');

export function hashAuthKey(authKey: Buffer): Promise<string> {
  return hash(asPassword(authKey), SERVER_HASH);
}

/** A hash of nothing anyone knows, checked for unknown usernames so both answers take as long. */
let decoyHash: Promise<string> | undefined;

export async function verifyAuthKey(storedHash: string | undefined, authKey: Buffer): Promise<boolean> {
  if (storedHash === undefined) {
    decoyHash ??= hashAuthKey(Buffer.alloc(32));
    await verify(await decoyHash, asPassword(authKey)).catch(() => false);
    return false;
  }
  return verify(storedHash, asPassword(authKey)).catch(() => false);
}
