// The opaque tag the server indexes a thread by: HMAC-SHA256 of the root's msgId under a key
// HKDF derives from the group key of the root's generation. Members can compute it; the
// server, holding no group key, sees only which messages share a tag, never the root's id.

import { createHmac } from 'node:crypto';
import { assertByteLength } from './byte-length';
import { assertMsgId, threadTagKeyInfo } from './context';
import { GROUP_KEY_BYTES } from './group-key';
import { hkdfSha256 } from './kdf';

/** 64 lowercase hex characters, the same for every member who holds the root's generation. */
export function threadTag(groupKey: Uint8Array, ctx: { groupId: string; generation: number }, rootMsgId: string): string {
  assertByteLength(groupKey, GROUP_KEY_BYTES, 'group key');
  assertMsgId(rootMsgId, 'thread root');
  const key = hkdfSha256(groupKey, threadTagKeyInfo(ctx.groupId, ctx.generation));
  try {
    return createHmac('sha256', key).update(rootMsgId, 'ascii').digest('hex');
  } finally {
    key.fill(0);
  }
}
