// The key vault: the private halves of an identity sealed under the kek, so the server can
// store them and a second device can sign in with the passphrase alone.
//
// v1 layout: version(1) || nonce(12) || AES-256-GCM(kek, nonce, keys, aad) (128 + 16)
//   keys = encryptionPrivateKey || encryptionPublicKey || signingPrivateKey || signingPublicKey
//   aad  = version || "teamchat/v1/keyvault|<username>" (sealed under the passphrase's kek)
//       or version || "teamchat/v1/recoveryvault|<username>" (under the recovery key's kek)

import { aesGcmOpen, GCM_NONCE_BYTES, GCM_TAG_BYTES, sealWithFreshNonce } from './aes-gcm';
import { assertByteLength } from './byte-length';
import { concatBytes, fromBase64, toBase64, utf8 } from './bytes';
import { keyVaultAad, PROTOCOL_VERSION, recoveryVaultAad } from './context';
import { ED25519_KEY_BYTES, ed25519PublicKeyFromSeed } from './ed25519';
import { AuthenticationError, DecryptionError, ParameterError, VersionError, WrongPassphraseError } from './errors';
import type { Identity } from './identity';
import { X25519_KEY_BYTES, x25519PublicKeyFromPrivate } from './x25519';

const KEYS_BYTES = 2 * X25519_KEY_BYTES + 2 * ED25519_KEY_BYTES;
const VAULT_BYTES = 1 + GCM_NONCE_BYTES + KEYS_BYTES + GCM_TAG_BYTES;

function assertKek(kek: Uint8Array): void {
  assertByteLength(kek, 32, 'key-encryption key');
}

/** Which key a vault is sealed under: the aad differs, so one vault never opens as the other. */
export type VaultPurpose = 'passphrase' | 'recovery';

function aadFor(version: number, username: string, purpose: VaultPurpose): Uint8Array {
  return concatBytes(Uint8Array.of(version), utf8(purpose === 'recovery' ? recoveryVaultAad(username) : keyVaultAad(username)));
}

function assertIdentity(identity: Identity): void {
  const sizes: [Uint8Array, number, string][] = [
    [identity.encryptionPrivateKey, X25519_KEY_BYTES, 'X25519 private key'],
    [identity.encryptionPublicKey, X25519_KEY_BYTES, 'X25519 public key'],
    [identity.signingPrivateKey, ED25519_KEY_BYTES, 'Ed25519 private key'],
    [identity.signingPublicKey, ED25519_KEY_BYTES, 'Ed25519 public key'],
  ];
  for (const [key, size, what] of sizes) assertByteLength(key, size, what);
}

function holdsMatchingPairs(identity: Identity): boolean {
  return (
    Buffer.from(x25519PublicKeyFromPrivate(identity.encryptionPrivateKey)).equals(identity.encryptionPublicKey) &&
    Buffer.from(ed25519PublicKeyFromSeed(identity.signingPrivateKey)).equals(identity.signingPublicKey)
  );
}

export function sealKeyVault(kek: Uint8Array, identity: Identity, username: string, purpose: VaultPurpose = 'passphrase'): string {
  assertKek(kek);
  assertIdentity(identity);
  if (!holdsMatchingPairs(identity)) {
    throw new ParameterError('The identity holds public keys that do not match its private keys; it cannot be sealed.');
  }
  const aad = aadFor(PROTOCOL_VERSION, username, purpose);
  const keys = concatBytes(
    identity.encryptionPrivateKey,
    identity.encryptionPublicKey,
    identity.signingPrivateKey,
    identity.signingPublicKey,
  );
  const sealed = sealWithFreshNonce(kek, keys, aad);
  keys.fill(0);
  return toBase64(concatBytes(Uint8Array.of(PROTOCOL_VERSION), sealed));
}

/** `purpose` 'recovery': a vault that does not authenticate is a DecryptionError (no passphrase is involved). */
export function openKeyVault(kek: Uint8Array, keyVaultB64: string, username: string, purpose: VaultPurpose = 'passphrase'): Identity {
  assertKek(kek);
  const aad = aadFor(PROTOCOL_VERSION, username, purpose);
  let vault: Uint8Array;
  try {
    vault = fromBase64(keyVaultB64, 'key vault');
  } catch (cause) {
    throw new DecryptionError('The stored key vault is damaged (not base64); it cannot be opened.', { cause });
  }
  if (vault[0] !== PROTOCOL_VERSION) throw new VersionError('key vault', vault[0]);
  if (vault.byteLength !== VAULT_BYTES) {
    throw new DecryptionError('The stored key vault is damaged (wrong length); it cannot be opened.');
  }
  const nonce = vault.subarray(1, 1 + GCM_NONCE_BYTES);
  let keys: Uint8Array;
  try {
    keys = aesGcmOpen(kek, nonce, vault.subarray(1 + GCM_NONCE_BYTES), aad);
  } catch (cause) {
    if (!(cause instanceof AuthenticationError) || purpose === 'recovery') throw cause;
    throw new WrongPassphraseError({ cause });
  }
  let offset = 0;
  const take = (size: number) => keys.slice(offset, (offset += size));
  const identity: Identity = {
    encryptionPrivateKey: take(X25519_KEY_BYTES),
    encryptionPublicKey: take(X25519_KEY_BYTES),
    signingPrivateKey: take(ED25519_KEY_BYTES),
    signingPublicKey: take(ED25519_KEY_BYTES),
  };
  keys.fill(0);
  // GCM already proves this kek sealed the vault; this catches a vault written by a buggy
  // client, before its keys produce signatures nobody can verify.
  if (!holdsMatchingPairs(identity)) {
    throw new DecryptionError('The key vault holds keys that do not belong together; it cannot be used.');
  }
  return identity;
}
