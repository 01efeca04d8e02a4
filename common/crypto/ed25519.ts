// Ed25519 over raw 32-byte keys (RFC 8032), through Node's crypto. Raw keys become
// KeyObjects via the fixed PKCS#8 / SPKI DER prefixes, and the KeyObjects are cached:
// parsing DER costs about as much as a verification, and reading a history verifies
// thousands of messages from a handful of senders.

import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { assertByteLength } from './byte-length';
import { ParameterError } from './errors';

export const ED25519_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const MAX_CACHED_PUBLIC_KEYS = 1024;
const publicKeys = new Map<string, KeyObject>();
// Private keys are cached by the identity of the array (never by content, so no copy of
// the seed becomes a map key); the stored copy guards against an array reused for other bytes.
const privateKeys = new WeakMap<Uint8Array, { seed: Buffer; key: KeyObject }>();

function assertKeyBytes(key: Uint8Array, what: string): void {
  assertByteLength(key, ED25519_KEY_BYTES, what);
}

export function signingPrivateKeyObject(seed: Uint8Array): KeyObject {
  assertKeyBytes(seed, 'Ed25519 private key');
  const cached = privateKeys.get(seed);
  if (cached && cached.seed.equals(seed)) return cached.key;
  const der = Buffer.concat([PKCS8_PREFIX, seed]);
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  der.fill(0);
  privateKeys.set(seed, { seed: Buffer.from(seed), key });
  return key;
}

export function signingPublicKeyObject(publicKey: Uint8Array): KeyObject {
  assertKeyBytes(publicKey, 'Ed25519 public key');
  const id = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('latin1');
  const cached = publicKeys.get(id);
  if (cached) return cached;
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
  } catch (cause) {
    throw new ParameterError('The Ed25519 public key is not a valid key.', { cause });
  }
  if (publicKeys.size >= MAX_CACHED_PUBLIC_KEYS) {
    const oldest = publicKeys.keys().next().value;
    if (oldest !== undefined) publicKeys.delete(oldest);
  }
  publicKeys.set(id, key);
  return key;
}

export function ed25519Sign(seed: Uint8Array, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, signingPrivateKeyObject(seed)));
}

export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const key = signingPublicKeyObject(publicKey);
  if (signature.byteLength !== ED25519_SIGNATURE_BYTES) return false;
  return verify(null, message, key, signature);
}

export function ed25519PublicKeyFromSeed(seed: Uint8Array): Uint8Array {
  const jwk = createPublicKey(signingPrivateKeyObject(seed)).export({ format: 'jwk' });
  return jwkBytes(jwk.x, 'Ed25519 public key');
}

export function jwkBytes(value: string | undefined, what: string): Uint8Array {
  if (typeof value !== 'string') throw new ParameterError(`The ${what} could not be exported.`);
  return new Uint8Array(Buffer.from(value, 'base64url'));
}
