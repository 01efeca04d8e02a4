// Verifies a group log: from nothing, or incrementally from a state this client verified
// before. The rules run link by link (apply-link.ts); the signatures, which are most of the
// cost, are checked together on Node's thread pool. Nothing is kept unless all of it holds.

import { verify } from 'node:crypto';
import { fromBase64 } from '../crypto/bytes';
import { signingPublicKeyObject } from '../crypto/ed25519';
import { applyLink } from './apply-link';
import { GroupLogError } from './errors';
import { cloneState, type GroupLogState } from './group-state';
import { parseLink, signedBytes, unsigned } from './link';

interface PendingSignature {
  seq: number;
  signer: string;
  signingKey: string;
  bytes: Uint8Array;
  signature: string;
}

function checkSignature(p: PendingSignature): Promise<boolean> {
  let key;
  try {
    key = signingPublicKeyObject(fromBase64(p.signingKey, 'signing key'));
  } catch {
    return Promise.resolve(false);
  }
  const signature = fromBase64(p.signature, 'signature');
  return new Promise((resolve) => {
    verify(null, p.bytes, key, signature, (error, ok) => resolve(!error && ok));
  });
}

async function firstBadSignature(pending: PendingSignature[]): Promise<PendingSignature | undefined> {
  const results = await Promise.all(pending.map(checkSignature));
  const bad = results.indexOf(false);
  return bad === -1 ? undefined : pending[bad];
}

/**
 * Verifies `texts` (links in order) as the continuation of `from` (undefined: link 1 on)
 * for group `groupId`, and returns the new state. Throws GroupLogError naming the first
 * link that fails; `from` is never changed.
 */
export async function verifyGroupLog(groupId: string, texts: readonly string[], from?: GroupLogState): Promise<GroupLogState> {
  let state = from ? cloneState(from) : undefined;
  const pending: PendingSignature[] = [];
  let failure: GroupLogError | undefined;
  for (const text of texts) {
    try {
      const link = parseLink(text);
      const applied = applyLink(state, link, text, groupId);
      state = applied.state;
      pending.push({ seq: link.seq, signer: link.signer, signingKey: applied.signingKey, bytes: signedBytes(unsigned(link)), signature: link.signature });
    } catch (error) {
      if (!(error instanceof GroupLogError)) throw error;
      failure = error;
      break;
    }
  }
  // A forged link before the first broken rule is the better explanation: report it first.
  const bad = await firstBadSignature(pending);
  if (bad) throw new GroupLogError('bad-signature', bad.seq, `Link ${bad.seq} of the group log was not signed by ${bad.signer}; do not trust this group's member list.`);
  if (failure) throw failure;
  if (!state) throw new GroupLogError('bad-seq', undefined, 'The group log is empty.');
  return state;
}

/**
 * A log this client accepts must extend the head it verified last: shorter is a rollback,
 * the same length with another hash at that link is a fork.
 */
export function assertExtends(state: GroupLogState, known: { seq: number; hash: string } | undefined): void {
  if (!known) return;
  if (state.head.seq < known.seq) {
    throw new GroupLogError('rollback', known.seq, `The server's group log ends at link ${state.head.seq}, but you verified link ${known.seq} before: it was rolled back.`);
  }
  if (state.hashes[known.seq - 1] !== known.hash) {
    throw new GroupLogError('fork', known.seq, `The server's group log differs at link ${known.seq} from the one you verified before: its history was rewritten.`);
  }
}
