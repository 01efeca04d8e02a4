// Makes the next link of a group log: fills in seq and prev from the head this client
// verified, signs it, and returns the canonical text to send. The caller checks the rules
// first by applying it (verifyGroupLog) before it sends anything.

import { toBase64 } from '../crypto/bytes';
import { ed25519Sign } from '../crypto/ed25519';
import { canonicalJson } from './canonical-json';
import type { LogHead } from './group-state';
import { LINK_VERSION, linkHash, signedBytes, type GroupLink, type LinkBodies, type LinkType, type UnsignedLink } from './link';

export interface SignedLink {
  text: string;
  hash: string;
  link: GroupLink;
}

export function makeLink<T extends LinkType>(
  groupId: string,
  head: LogHead | undefined,
  type: T,
  body: LinkBodies[T],
  signer: { username: string; signingPrivateKey: Uint8Array },
  at = new Date(),
): SignedLink {
  const unsignedLink = {
    v: LINK_VERSION,
    groupId,
    seq: (head?.seq ?? 0) + 1,
    prev: head?.hash ?? '',
    type,
    body,
    signer: signer.username,
    at: at.toISOString(),
  } as UnsignedLink;
  const link = { ...unsignedLink, signature: toBase64(ed25519Sign(signer.signingPrivateKey, signedBytes(unsignedLink))) } as GroupLink;
  const text = canonicalJson(link);
  return { text, hash: linkHash(text), link };
}

/** Links made one after the other, each extending the one before (e.g. remove, then rotate). */
export function nextHead(signed: SignedLink): LogHead {
  return { seq: signed.link.seq, hash: signed.hash };
}
