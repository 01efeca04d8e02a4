import { Type, type Static } from 'typebox';

/** Usernames are lowercase so that "Alice" and "alice" can never be two people. */
export const USERNAME_PATTERN = '^[a-z0-9][a-z0-9._-]{1,31}$';
/** Group ids are lowercase UUIDs chosen by the creating client (crypto.randomUUID()). */
export const GROUP_ID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
/**
 * A group name: something visible (a letter, digit, punctuation or symbol), and no control
 * characters (PostgreSQL cannot store NUL), lone surrogates or bidi overrides (which disguise
 * a name). Checked by the server on create and by clients in every group log link.
 */
export const GROUP_NAME_PATTERN = '^(?!.*[\\p{Cc}\\p{Cs}\\u202A-\\u202E\\u2066-\\u2069])(?=.*[\\p{L}\\p{N}\\p{P}\\p{S}]).+$';
/**
 * A group's topic: one line of plain text, possibly empty (no topic). No control characters
 * (C0, DEL, C1), lone surrogates, bidi marks, embeddings or isolates, or line and paragraph
 * separators: a topic is shown in a header and a terminal, where each would disguise or break it.
 */
export const GROUP_TOPIC_PATTERN = '^[^\\p{Cc}\\p{Cs}\\u061C\\u200E\\u200F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]*$';
/** msgId: 16 random bytes as 32 lowercase hex characters. */
export const MSG_ID_PATTERN = '^[0-9a-f]{32}$';
/** Standard base64 with padding. */
export const BASE64_PATTERN = '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$';

/** Largest encrypted message blob, in decoded bytes; past it the server answers 413. */
export const MAX_BLOB_BYTES = 64 * 1024;
/** Largest sealed key or key vault, in base64 characters. */
export const MAX_KEY_B64_CHARS = 4096;
export const MAX_GROUP_NAME_CHARS = 100;
export const MAX_GROUP_TOPIC_CHARS = 250;
export const HISTORY_PAGE_DEFAULT = 50;
export const HISTORY_PAGE_MAX = 200;

export const Username = Type.String({ pattern: USERNAME_PATTERN, description: 'lowercase, 2 to 32 characters' });
export const GroupId = Type.String({ pattern: GROUP_ID_PATTERN, description: 'lowercase UUID chosen by the creator' });
export const MsgId = Type.String({ pattern: MSG_ID_PATTERN, description: '16 random bytes, lowercase hex' });
export const Generation = Type.Integer({ minimum: 1, maximum: 2147483647 });
export const Seq = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
export const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });
/** Request bodies name every field they take: an unknown one is a client bug or a probe, answered 400. */
export const CLOSED = { additionalProperties: false } as const;

export function Base64(maxLength: number, description?: string) {
  return Type.String({ pattern: BASE64_PATTERN, minLength: 1, maxLength, ...(description ? { description } : {}) });
}
/** A 32-byte public key (X25519 or Ed25519) in base64. */
export const PublicKeyB64 = Type.String({ pattern: BASE64_PATTERN, minLength: 44, maxLength: 44 });
export const SealedKeyB64 = Base64(MAX_KEY_B64_CHARS, 'a group key sealed with HPKE for one member and signed by the sealer');
/**
 * The schema has no length limit on purpose: an oversized blob must get 413, not the 400
 * of a schema failure. The server checks MAX_BLOB_BYTES itself.
 */
export const EncryptedBlobB64 = Type.String({ pattern: BASE64_PATTERN, minLength: 1, description: `at most ${MAX_BLOB_BYTES} bytes decoded` });

export type Username = Static<typeof Username>;
export type GroupId = Static<typeof GroupId>;
export type MsgId = Static<typeof MsgId>;
