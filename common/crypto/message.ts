// Group messages: the envelope under the group key, signed by the sender.
//
// v1 layout of encrypted_blob_b64:
//   version(1) || nonce(12) || AES-256-GCM ciphertext+tag || Ed25519 signature(64)
//   aad       = "teamchat/v1/msg|groupId|g|sender|msgId"
//   signature = Ed25519(sender, aad || nonce || ciphertext+tag)
// The aad is rebuilt by the reader from where the message was found, so a blob replayed
// into another group, generation, sender or msgId fails. The signature is checked first:
// the group key is shared by every member, only the signature tells them apart.

import { randomBytes } from 'node:crypto';
import { parseEnvelope, type MessageEnvelope } from '../messages/envelope';
import { aesGcmOpen, GCM_NONCE_BYTES, GCM_TAG_BYTES, sealWithFreshNonce } from './aes-gcm';
import { concatBytes, fromBase64, toBase64, utf8 } from './bytes';
import { messageAad, PROTOCOL_VERSION } from './context';
import { ED25519_SIGNATURE_BYTES, ed25519Sign, ed25519Verify } from './ed25519';
import { AuthenticationError, DecryptionError, ParameterError, SignatureError, TeamChatCryptoError, VersionError } from './errors';

export interface MessageContext {
  groupId: string;
  generation: number;
  sender: string;
  msgId: string;
}

/** Envelope JSON is capped so the base64 blob stays under the server's 64 KiB limit. */
export const MAX_ENVELOPE_BYTES = 48_000;
const MIN_BLOB_BYTES = 1 + GCM_NONCE_BYTES + GCM_TAG_BYTES + ED25519_SIGNATURE_BYTES;

/** 16 random bytes as 32 lowercase hex characters; also the idempotency key of a send. */
export function newMsgId(): string {
  return randomBytes(16).toString('hex');
}

export function encryptGroupMessage(
  envelope: MessageEnvelope,
  ctx: MessageContext,
  groupKey: Uint8Array,
  senderSigningPrivateKey: Uint8Array,
): string {
  const aad = utf8(messageAad(ctx.groupId, ctx.generation, ctx.sender, ctx.msgId));
  const plaintext = utf8(JSON.stringify(parseEnvelope(envelope)));
  if (plaintext.byteLength > MAX_ENVELOPE_BYTES) {
    throw new ParameterError(`The message is too long (${plaintext.byteLength} bytes, at most ${MAX_ENVELOPE_BYTES}); shorten it or split it.`);
  }
  const sealed = sealWithFreshNonce(groupKey, plaintext, aad);
  plaintext.fill(0);
  const signature = ed25519Sign(senderSigningPrivateKey, concatBytes(aad, sealed));
  return toBase64(concatBytes(Uint8Array.of(PROTOCOL_VERSION), sealed, signature));
}

/** A blob taken apart, with the bytes its signature covers; nothing verified yet. */
export interface ReadBlob {
  aad: Uint8Array;
  nonce: Uint8Array;
  sealed: Uint8Array;
  signed: Uint8Array;
  signature: Uint8Array;
}

export function readBlob(encryptedBlobB64: string, ctx: MessageContext): ReadBlob {
  const aad = utf8(messageAad(ctx.groupId, ctx.generation, ctx.sender, ctx.msgId));
  let blob: Uint8Array;
  try {
    blob = fromBase64(encryptedBlobB64, 'encrypted message');
  } catch (cause) {
    throw new DecryptionError('The message is damaged (not base64); it cannot be read.', { cause });
  }
  if (blob[0] !== PROTOCOL_VERSION) throw new VersionError('message', blob[0]);
  if (blob.byteLength < MIN_BLOB_BYTES) throw new DecryptionError('The message is damaged (too short); it cannot be read.');
  const signatureAt = blob.byteLength - ED25519_SIGNATURE_BYTES;
  return {
    aad,
    nonce: blob.subarray(1, 1 + GCM_NONCE_BYTES),
    sealed: blob.subarray(1 + GCM_NONCE_BYTES, signatureAt),
    signed: concatBytes(aad, blob.subarray(1, signatureAt)),
    signature: blob.subarray(signatureAt),
  };
}

export function notSignedBy(sender: string): SignatureError {
  return new SignatureError(`The message is not signed by ${sender}, or it was moved from another place; it may be forged.`);
}

/** The second half of decryption, for a blob whose signature has been checked. */
export function decryptVerifiedBlob(blob: ReadBlob, groupKey: Uint8Array): MessageEnvelope {
  let plaintext: Uint8Array;
  try {
    plaintext = aesGcmOpen(groupKey, blob.nonce, blob.sealed, blob.aad);
  } catch (cause) {
    if (!(cause instanceof AuthenticationError)) throw cause;
    throw new DecryptionError('The message could not be decrypted with this group key.', { cause });
  }
  try {
    return parseEnvelope(JSON.parse(Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength).toString('utf8')));
  } catch (cause) {
    throw new DecryptionError('The message decrypted, but its content is not a valid TeamChat message.', { cause });
  } finally {
    plaintext.fill(0);
  }
}

export function decryptGroupMessage(
  encryptedBlobB64: string,
  ctx: MessageContext,
  groupKey: Uint8Array,
  senderSigningPublicKey: Uint8Array,
): MessageEnvelope {
  const blob = readBlob(encryptedBlobB64, ctx);
  if (!ed25519Verify(senderSigningPublicKey, blob.signed, blob.signature)) throw notSignedBy(ctx.sender);
  return decryptVerifiedBlob(blob, groupKey);
}

export interface GroupMessageItem {
  encryptedBlobB64: string;
  ctx: MessageContext;
  groupKey: Uint8Array;
  senderSigningPublicKey: Uint8Array;
}

export type GroupMessageResult =
  | { ok: true; envelope: MessageEnvelope }
  | { ok: false; error: TeamChatCryptoError };

export function failed(error: unknown): GroupMessageResult {
  if (error instanceof TeamChatCryptoError) return { ok: false, error };
  return { ok: false, error: new DecryptionError('The message could not be read.', { cause: error }) };
}

/**
 * Decrypts a page of history on this thread. One bad message never hides the others: each
 * item gets its own result, in order, and a failure is reported, not dropped.
 * (decryptGroupMessagesInParallel spreads the signature checks over worker threads.)
 */
export function decryptGroupMessages(items: readonly GroupMessageItem[]): GroupMessageResult[] {
  return items.map((item) => {
    try {
      return { ok: true, envelope: decryptGroupMessage(item.encryptedBlobB64, item.ctx, item.groupKey, item.senderSigningPublicKey) };
    } catch (error) {
      return failed(error);
    }
  });
}
