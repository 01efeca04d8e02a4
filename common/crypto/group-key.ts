// Group keys (Keybase-style generations) and the copy of one sealed for each member.
//
// v1 layout of encrypted_group_key_b64:
//   version(1) || enc(32) || HPKE ciphertext(32 + 16) || Ed25519 signature(64)
// HPKE base mode to the member's X25519 key, info "teamchat/v1/groupkey|groupId|g|username",
// aad = version. The sealer signs
//   "teamchat/v1/groupkey-signature" || 0x00 || version || u32(len(info)) || info || enc || ciphertext
// so a server cannot hand a member a key of its own, nor move a copy to another group,
// generation or member.

import { randomBytes } from 'node:crypto';
import { assertByteLength } from './byte-length';
import { concatBytes, fromBase64, toBase64, u32, utf8 } from './bytes';
import { groupKeyInfo, PROTOCOL_VERSION } from './context';
import { ED25519_SIGNATURE_BYTES, ed25519Sign, ed25519Verify } from './ed25519';
import { DecryptionError, ParameterError, SignatureError, VersionError } from './errors';
import { HPKE_ENC_BYTES, hpkeSuite } from './hpke-suite';
import { X25519_KEY_BYTES } from './x25519';

export const GROUP_KEY_BYTES = 32;
const HPKE_CIPHERTEXT_BYTES = GROUP_KEY_BYTES + 16;
const SEALED_BYTES = 1 + HPKE_ENC_BYTES + HPKE_CIPHERTEXT_BYTES + ED25519_SIGNATURE_BYTES;
const SIGNATURE_LABEL = utf8('teamchat/v1/groupkey-signature\u0000');

export interface GroupKeyContext {
  groupId: string;
  generation: number;
  /** The member the copy is sealed for. */
  username: string;
}

export function generateGroupKey(): Uint8Array {
  return new Uint8Array(randomBytes(GROUP_KEY_BYTES));
}

function signedPart(version: number, info: Uint8Array, enc: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  return concatBytes(SIGNATURE_LABEL, Uint8Array.of(version), u32(info.byteLength), info, enc, ciphertext);
}

export async function sealGroupKeyFor(
  member: { username: string; encryptionPublicKey: Uint8Array },
  groupKey: Uint8Array,
  ctx: { groupId: string; generation: number },
  sealerSigningPrivateKey: Uint8Array,
): Promise<string> {
  assertByteLength(groupKey, GROUP_KEY_BYTES, 'group key');
  assertByteLength(member.encryptionPublicKey, X25519_KEY_BYTES, "member's X25519 public key");
  const info = utf8(groupKeyInfo(ctx.groupId, ctx.generation, member.username));
  const version = Uint8Array.of(PROTOCOL_VERSION);
  const recipientPublicKey = await hpkeSuite.kem.deserializePublicKey(member.encryptionPublicKey).catch((cause: unknown) => {
    throw new ParameterError("The member's X25519 public key is not a valid key.", { cause });
  });
  // A low-order point (all zeros, and the few others) gives an all-zero shared secret, which
  // the suite refuses; that is the member's key being unusable, said in the project's words.
  const { enc, ct } = await hpkeSuite.seal({ recipientPublicKey, info }, groupKey, version).catch((cause: unknown) => {
    throw new ParameterError(`The X25519 public key of ${member.username} is a weak (low-order) key that nothing can be sealed to; they must sign up again with new keys.`, { cause });
  });
  const encBytes = new Uint8Array(enc);
  const ciphertext = new Uint8Array(ct);
  const signature = ed25519Sign(sealerSigningPrivateKey, signedPart(PROTOCOL_VERSION, info, encBytes, ciphertext));
  return toBase64(concatBytes(version, encBytes, ciphertext, signature));
}

export async function openGroupKey(
  encryptedGroupKeyB64: string,
  ctx: GroupKeyContext,
  me: { encryptionPrivateKey: Uint8Array; encryptionPublicKey: Uint8Array },
  sealerSigningPublicKey: Uint8Array,
): Promise<Uint8Array> {
  const info = utf8(groupKeyInfo(ctx.groupId, ctx.generation, ctx.username));
  assertByteLength(me.encryptionPrivateKey, X25519_KEY_BYTES, 'X25519 private key');
  assertByteLength(me.encryptionPublicKey, X25519_KEY_BYTES, 'X25519 public key');
  let sealed: Uint8Array;
  try {
    sealed = fromBase64(encryptedGroupKeyB64, 'sealed group key');
  } catch (cause) {
    throw new DecryptionError('The sealed group key is damaged (not base64); ask an admin to share the key again.', { cause });
  }
  if (sealed[0] !== PROTOCOL_VERSION) throw new VersionError('sealed group key', sealed[0]);
  if (sealed.byteLength !== SEALED_BYTES) {
    throw new DecryptionError('The sealed group key is damaged (wrong length); ask an admin to share the key again.');
  }
  const enc = sealed.subarray(1, 1 + HPKE_ENC_BYTES);
  const ciphertext = sealed.subarray(1 + HPKE_ENC_BYTES, 1 + HPKE_ENC_BYTES + HPKE_CIPHERTEXT_BYTES);
  const signature = sealed.subarray(1 + HPKE_ENC_BYTES + HPKE_CIPHERTEXT_BYTES);
  if (!ed25519Verify(sealerSigningPublicKey, signedPart(PROTOCOL_VERSION, info, enc, ciphertext), signature)) {
    throw new SignatureError(
      'The group key was not signed by the member who shared it, or it belongs to another group, generation or member; do not trust it.',
    );
  }
  try {
    const recipientKey = {
      privateKey: await hpkeSuite.kem.deserializePrivateKey(me.encryptionPrivateKey),
      publicKey: await hpkeSuite.kem.deserializePublicKey(me.encryptionPublicKey),
    };
    const groupKey = new Uint8Array(
      await hpkeSuite.open({ recipientKey, enc, info }, ciphertext, sealed.subarray(0, 1)),
    );
    if (groupKey.byteLength !== GROUP_KEY_BYTES) throw new Error('unexpected group key length');
    return groupKey;
  } catch (cause) {
    throw new DecryptionError('The group key could not be decrypted with your key; ask an admin to share it again.', { cause });
  }
}
