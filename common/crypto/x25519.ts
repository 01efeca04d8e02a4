// X25519 raw keys through Node's crypto: key generation, and the public key of a private
// key (to check that a key vault holds a consistent pair).

import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { assertByteLength } from './byte-length';
import { jwkBytes } from './ed25519';

export const X25519_KEY_BYTES = 32;

const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

export function generateX25519KeyPair(): { publicKey: Uint8Array; privateKey: Uint8Array } {
  const { privateKey } = generateKeyPairSync('x25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { publicKey: jwkBytes(jwk.x, 'X25519 public key'), privateKey: jwkBytes(jwk.d, 'X25519 private key') };
}

export function x25519PublicKeyFromPrivate(privateKey: Uint8Array): Uint8Array {
  assertByteLength(privateKey, X25519_KEY_BYTES, 'X25519 private key');
  const der = Buffer.concat([PKCS8_PREFIX, privateKey]);
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  der.fill(0);
  return jwkBytes(createPublicKey(key).export({ format: 'jwk' }).x, 'X25519 public key');
}
