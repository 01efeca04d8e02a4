// A safety number two people compare by reading it aloud (after Signal's): each side's
// public keys and username are hashed into 30 digits; the two halves are sorted so both
// people see the same 60 digits, shown as 12 groups of 5.

import { createHash } from 'node:crypto';
import { assertByteLength } from './byte-length';
import { concatBytes, u32, utf8 } from './bytes';
import { ED25519_KEY_BYTES } from './ed25519';
import { ParameterError } from './errors';
import type { PublicIdentity } from './identity';
import { X25519_KEY_BYTES } from './x25519';

// Iterating the hash makes a second pair of keys with the same number cost 5200 times more
// to search for, as in Signal's numeric fingerprint.
const ITERATIONS = 5200;
const FINGERPRINT_VERSION = utf8('teamchat/v1/safety-number\u0000');

type Party = { username: string } & PublicIdentity;

function assertParty(party: Party): void {
  if (typeof party?.username !== 'string' || party.username.length === 0) {
    throw new ParameterError('A safety number needs both usernames.');
  }
  assertByteLength(party.encryptionPublicKey, X25519_KEY_BYTES, `X25519 public key of ${party.username}`);
  assertByteLength(party.signingPublicKey, ED25519_KEY_BYTES, `Ed25519 public key of ${party.username}`);
}

function digitsOf(party: Party): string {
  const keys = concatBytes(party.encryptionPublicKey, party.signingPublicKey);
  const name = utf8(party.username);
  let digest: Uint8Array = concatBytes(FINGERPRINT_VERSION, u32(name.byteLength), name, keys);
  for (let i = 0; i < ITERATIONS; i++) {
    digest = createHash('sha512').update(digest).update(keys).digest();
  }
  let digits = '';
  for (let chunk = 0; chunk < 6; chunk++) {
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 256 + (digest[chunk * 5 + i] as number);
    digits += String(value % 100000).padStart(5, '0');
  }
  return digits;
}

/** 12 groups of 5 digits, the same whichever side computes it. */
export function safetyNumber(a: Party, b: Party): string {
  assertParty(a);
  assertParty(b);
  const halves = [digitsOf(a), digitsOf(b)].sort();
  return (halves.join('').match(/\d{5}/g) as string[]).join(' ');
}

/** @alias The same safety number under the name the CLI command and the crypto API spec use. */
export const fingerprint = safetyNumber;
