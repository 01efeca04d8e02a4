// AES-256-GCM with a 12-byte nonce and a 16-byte tag appended to the ciphertext.
// Callers seal with sealWithFreshNonce, so no caller can reuse a nonce; aesGcmSeal takes one
// only for the published test vectors.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { assertByteLength } from './byte-length';
import { concatBytes } from './bytes';
import { AuthenticationError } from './errors';

export const AES_KEY_BYTES = 32;
export const GCM_NONCE_BYTES = 12;
export const GCM_TAG_BYTES = 16;

function assertKey(key: Uint8Array): void {
  assertByteLength(key, AES_KEY_BYTES, 'AES-256-GCM key');
}

/** Returns ciphertext || tag. */
export function aesGcmSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  assertKey(key);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_BYTES });
  cipher.setAAD(aad);
  const head = cipher.update(plaintext);
  const tail = cipher.final();
  const tag = cipher.getAuthTag();
  const out = new Uint8Array(head.byteLength + tail.byteLength + tag.byteLength);
  out.set(head, 0);
  out.set(tail, head.byteLength);
  out.set(tag, head.byteLength + tail.byteLength);
  return out;
}

/** Returns nonce || ciphertext || tag, under a nonce of its own making. */
export function sealWithFreshNonce(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  const nonce = new Uint8Array(randomBytes(GCM_NONCE_BYTES));
  return concatBytes(nonce, aesGcmSeal(key, nonce, plaintext, aad));
}

/** Opens ciphertext || tag; AuthenticationError when it is damaged or sealed under another key or aad. */
export function aesGcmOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array {
  assertKey(key);
  if (sealed.byteLength < GCM_TAG_BYTES) throw new AuthenticationError();
  const split = sealed.byteLength - GCM_TAG_BYTES;
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_BYTES });
  decipher.setAuthTag(sealed.subarray(split));
  decipher.setAAD(aad);
  const head = decipher.update(sealed.subarray(0, split));
  try {
    const tail = decipher.final();
    if (tail.byteLength === 0) return new Uint8Array(head.buffer, head.byteOffset, head.byteLength);
    const out = new Uint8Array(head.byteLength + tail.byteLength);
    out.set(head, 0);
    out.set(tail, head.byteLength);
    return out;
  } catch (cause) {
    head.fill(0);
    throw new AuthenticationError({ cause });
  }
}
