// A user's long-term keys: X25519 to receive group keys (HPKE), Ed25519 to sign.

import { generateKeyPairSync } from 'node:crypto';
import { jwkBytes } from './ed25519';
import { generateX25519KeyPair } from './x25519';

export interface Identity {
  encryptionPublicKey: Uint8Array;
  encryptionPrivateKey: Uint8Array;
  signingPublicKey: Uint8Array;
  /** The 32-byte Ed25519 seed. */
  signingPrivateKey: Uint8Array;
}

export type PublicIdentity = Pick<Identity, 'encryptionPublicKey' | 'signingPublicKey'>;

export function createIdentity(): Identity {
  const encryption = generateX25519KeyPair();
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return {
    encryptionPublicKey: encryption.publicKey,
    encryptionPrivateKey: encryption.privateKey,
    signingPublicKey: jwkBytes(jwk.x, 'Ed25519 public key'),
    signingPrivateKey: jwkBytes(jwk.d, 'Ed25519 private key'),
  };
}
