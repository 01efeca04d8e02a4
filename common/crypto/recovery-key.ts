// The recovery key: 256 random bits the user writes down, which re-open the key vault when
// the passphrase is forgotten. It is shown as 56 Crockford base32 characters in 14 groups
// of 4: the 32 key bytes and a 3-byte check (SHA-256 over a label and the key), so a
// mistyped key is told apart from a wrong one before anything is sent. Reading forgives
// case, spaces, dashes and the look-alikes I/L (for 1) and O (for 0).
//
// HKDF-SHA256 splits the key, like the passphrase's master key, into a recovery kek (seals
// the same private keys, aad "teamchat/v1/recoveryvault|user") and a recovery auth key (the
// server keeps a hash of it). The server never sees the key itself.

import { createHash, randomBytes } from 'node:crypto';
import { assertByteLength } from './byte-length';
import { concatBytes, utf8 } from './bytes';
import { ParameterError } from './errors';
import { hkdfSha256 } from './kdf';

const KEY_BYTES = 32;
const CHECK_BYTES = 3;
const GROUP = 4;
/** Crockford's base32: no I, L, O or U, so nothing reads as another letter. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 35 bytes are 280 bits: exactly 56 characters, no padding. */
export const RECOVERY_KEY_CHARS = ((KEY_BYTES + CHECK_BYTES) * 8) / 5;

export interface RecoveryKeys {
  /** Seals and opens the recovery vault; never leaves the client. */
  kek: Uint8Array;
  /** Proves the key to the server, which keeps only a hash of it. */
  authKey: Uint8Array;
}

/** The key was typed wrong (a character that is no base32 digit, a wrong length, or the check does not match). */
export class RecoveryKeyTypoError extends ParameterError {
  constructor(detail: string) {
    super(`That recovery key is mistyped (${detail}); check it against what you wrote down.`);
  }
}

function check(key: Uint8Array): Uint8Array {
  const digest = createHash('sha256').update(utf8('teamchat/v1/recovery-key-check')).update(key).digest();
  return new Uint8Array(digest.subarray(0, CHECK_BYTES));
}

export function newRecoveryKey(): Uint8Array {
  return new Uint8Array(randomBytes(KEY_BYTES));
}

/** The 32 key bytes as the user sees them: "ABCD-EFGH-…", 14 groups of 4. */
export function formatRecoveryKey(key: Uint8Array): string {
  assertByteLength(key, KEY_BYTES, 'recovery key');
  const bytes = concatBytes(key, check(key));
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return text.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

function digitOf(char: string): number {
  const upper = char.toUpperCase();
  const read = upper === 'I' || upper === 'L' ? '1' : upper === 'O' ? '0' : upper;
  const digit = ALPHABET.indexOf(read);
  if (digit < 0) throw new RecoveryKeyTypoError(`"${char}" is not one of its letters or digits`);
  return digit;
}

/** The key bytes from what the user typed; RecoveryKeyTypoError when it cannot be the key shown. */
export function parseRecoveryKey(typed: string): Uint8Array {
  const chars = typed.replace(/[\s-]+/g, '');
  if (chars.length !== RECOVERY_KEY_CHARS) {
    throw new RecoveryKeyTypoError(`it has ${chars.length} letters and digits, not ${RECOVERY_KEY_CHARS}`);
  }
  const bytes = new Uint8Array(KEY_BYTES + CHECK_BYTES);
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const char of chars) {
    value = (value << 5) | digitOf(char);
    bits += 5;
    if (bits >= 8) {
      bytes[at++] = (value >>> (bits - 8)) & 255;
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  const key = bytes.slice(0, KEY_BYTES);
  if (!Buffer.from(check(key)).equals(bytes.subarray(KEY_BYTES))) throw new RecoveryKeyTypoError('its check letters do not match');
  return key;
}

export function deriveRecoveryKeys(key: Uint8Array): RecoveryKeys {
  assertByteLength(key, KEY_BYTES, 'recovery key');
  return { kek: hkdfSha256(key, 'teamchat/v1/recovery/kek'), authKey: hkdfSha256(key, 'teamchat/v1/recovery/auth') };
}
