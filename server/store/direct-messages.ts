// Direct messages as the server keeps them: a group row of kind 'dm' whose `dm_pair` (the two
// usernames, sorted) is unique while both are in it, so the database holds one live DM per
// pair whatever two clients race to make. The pair is cleared when one of them leaves (the DM
// has ended, by its log), so the two can start a new one.

import type { Knex } from '@mikro-orm/postgresql';
import { insertSealedCopies, type SealedCopy } from './memberships';

/** The unique key of a pair: both names, sorted, space-separated (no username holds a space). */
export function dmPairKey(a: string, b: string): string {
  return [a, b].sort().join(' ');
}

/** The live DM of this pair, if there is one. */
export async function findDirectMessage(knex: Knex, a: string, b: string): Promise<string | undefined> {
  const row: { id: string } | undefined = await knex('groups').select('id').where({ dm_pair: dmPairKey(a, b) }).first();
  return row?.id;
}

export interface NewDirectMessage {
  id: string;
  creator: string;
  other: string;
  /** Generation 1, sealed by the creator for each of the two. */
  sealed: Map<string, SealedCopy>;
}

/**
 * Creates the DM with both as members (neither admin), each holding generation 1. 'taken' if
 * the pair has a live DM already (a race the unique key decided), 'id-taken' if the id is used.
 */
export async function createDirectMessageRow(trx: Knex, dm: NewDirectMessage): Promise<'created' | 'taken' | 'id-taken'> {
  const created = await trx.raw(
    `INSERT INTO groups (id, name, created_by, kind, dm_pair) VALUES (?, '', ?, 'dm', ?) ON CONFLICT DO NOTHING RETURNING id`,
    [dm.id, dm.creator, dmPairKey(dm.creator, dm.other)],
  );
  if (created.rows.length === 0) return (await findDirectMessage(trx, dm.creator, dm.other)) ? 'taken' : 'id-taken';
  await trx('group_memberships').insert([dm.creator, dm.other].map((username) => ({ group_id: dm.id, username, is_admin: false })));
  for (const [username, copy] of dm.sealed) await insertSealedCopies(trx, dm.id, username, [copy], dm.creator);
  return 'created';
}

/** One of the two left: the DM has ended, and the pair may start another. */
export async function endDirectMessage(trx: Knex, groupId: string): Promise<void> {
  await trx('groups').where({ id: groupId }).update({ dm_pair: null });
}
