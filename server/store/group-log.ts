// The signed group log, as the server keeps it: links in order, each extending the head.
// The server checks what it can (the link is well formed, extends the head, was signed by
// the caller with their registered key, and says what the request does), so a buggy or
// hostile member cannot wedge a group with a bad link. Clients rely on none of it: they
// verify the whole chain themselves (common/group-log).

import type { Knex } from '@mikro-orm/postgresql';
import type { LinkView } from '../../common/api';
import { fromBase64 } from '../../common/crypto/bytes';
import { ed25519Verify } from '../../common/crypto/ed25519';
import { GroupLogError, linkHash, parseLink, signedBytes, unsigned, type GroupLink, type LinkType } from '../../common/group-log';
import { badRequest, conflict } from '../http/errors';

export interface LogHeadRow {
  seq: number;
  hash: string;
}

/** What the request does, so the links it carries must say the same. */
export type ExpectedLink = { type: LinkType; check?: (link: GroupLink) => string | undefined };

export async function readHead(trx: Knex, groupId: string): Promise<LogHeadRow | undefined> {
  const row = await trx('group_links').select('seq', 'hash').where({ group_id: groupId }).orderBy('seq', 'desc').first();
  return row ? { seq: row.seq, hash: row.hash } : undefined;
}

export async function readLinks(knex: Knex, groupId: string, after: number, limit: number): Promise<LinkView[]> {
  const rows: { seq: number; link: string }[] = await knex('group_links').select('seq', 'link')
    .where({ group_id: groupId }).andWhere('seq', '>', after).orderBy('seq').limit(limit);
  return rows;
}

/**
 * Appends `texts` after the group's head, in the caller's transaction (the group row is
 * locked by requireMembership). A group with a log needs links for every change; one made
 * before the log takes changes without (or a `create`/`start` link to begin its log).
 */
export async function appendLinks(
  trx: Knex,
  groupId: string,
  signer: string,
  texts: readonly string[] | undefined,
  expected: readonly ExpectedLink[],
): Promise<void> {
  const head = await readHead(trx, groupId);
  if (!texts || texts.length === 0) {
    if (head) throw badRequest('link_required', 'This group has a signed log; send the change as signed links (update TeamChat).');
    return;
  }
  if (texts.length !== expected.length) throw badRequest('invalid_link', `This change takes ${expected.length} signed link(s), not ${texts.length}.`);
  const registered = await registeredKeys(trx, signer);
  const key = registered ? fromBase64(registered.signingKey, 'signing key') : undefined;
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? '';
  const rows = [];
  for (const [i, text] of texts.entries()) {
    let link: GroupLink;
    try {
      link = parseLink(text);
    } catch (error) {
      if (error instanceof GroupLogError) throw badRequest('invalid_link', error.message);
      throw error;
    }
    if (link.groupId !== groupId) throw badRequest('invalid_link', 'The link names another group.');
    if (link.seq !== seq + 1 || link.prev !== prev) {
      throw conflict('log_conflict', `The group log has moved on to link ${head?.seq ?? 0}; fetch the group and try again.`);
    }
    const want = expected[i] as ExpectedLink;
    if (link.type !== want.type) throw badRequest('invalid_link', `This change needs a ${want.type} link, not ${link.type}.`);
    const wrong = want.check?.(link);
    if (wrong) throw badRequest('invalid_link', wrong);
    if (link.signer !== signer || !key || !ed25519Verify(key, signedBytes(unsigned(link)), fromBase64(link.signature, 'signature'))) {
      throw badRequest('invalid_link', 'The link is not signed by you with your registered key.');
    }
    const hash = linkHash(text);
    rows.push({ group_id: groupId, seq: link.seq, link: text, hash });
    seq = link.seq;
    prev = hash;
  }
  await trx('group_links').insert(rows);
  await trx('groups').where({ id: groupId }).update({ log_seq: seq });
}

/** The public keys of a user as the link must state them: the keys the server holds. */
export async function registeredKeys(trx: Knex, username: string): Promise<{ encryptionKey: string; signingKey: string } | undefined> {
  const row = await trx('users').select('encryption_public_key', 'signing_public_key').where({ username }).first();
  if (!row) return undefined;
  return {
    encryptionKey: (row.encryption_public_key as Buffer).toString('base64'),
    signingKey: (row.signing_public_key as Buffer).toString('base64'),
  };
}
