// Read positions: the member's own (unread counts, on every device) and the one the group's
// other members may see (docs/presence.md). A member who withholds theirs sees nobody's.

import type { Knex } from '@mikro-orm/postgresql';
import { READ_RECEIPTS_MAX_MEMBERS } from '../../common/api';

/**
 * Moves the cursor forward, at most to the last seq, and shares it (`share`) or withdraws
 * the shared one. Undefined if the caller is not a member; `moved`: the shared position went forward.
 */
export async function advanceReadPosition(
  knex: Knex, groupId: string, username: string, seq: number, share: boolean,
): Promise<{ readSeq: number; moved: boolean } | undefined> {
  // The subquery in FROM sees the row as it was before this update.
  const updated = await knex.raw(
    `UPDATE group_memberships m SET read_seq = GREATEST(m.read_seq, LEAST(?::bigint, g.last_seq)),
            shared_read_seq = CASE WHEN ? THEN GREATEST(m.read_seq, LEAST(?::bigint, g.last_seq)) ELSE NULL END
       FROM groups g, (SELECT shared_read_seq FROM group_memberships WHERE group_id = ? AND username = ?) before
      WHERE g.id = m.group_id AND m.group_id = ? AND m.username = ?
      RETURNING m.read_seq, m.shared_read_seq, before.shared_read_seq AS shared_before`,
    [seq, share, seq, groupId, username, groupId, username],
  );
  const row: { read_seq: string; shared_read_seq: string | null; shared_before: string | null } | undefined = updated.rows[0];
  if (!row) return undefined;
  const moved = row.shared_read_seq !== null && (row.shared_before === null || Number(row.shared_read_seq) > Number(row.shared_before));
  return { readSeq: Number(row.read_seq), moved };
}

/** Who hears live that `username`'s position moved: the others who share theirs, in a small group only. */
export async function readReceiptRecipients(knex: Knex, groupId: string, username: string): Promise<string[]> {
  const rows: { username: string; shared_read_seq: string | null }[] = await knex('group_memberships')
    .select('username', 'shared_read_seq').where({ group_id: groupId }).limit(READ_RECEIPTS_MAX_MEMBERS + 1);
  if (rows.length > READ_RECEIPTS_MAX_MEMBERS) return [];
  return rows.filter((r) => r.username !== username && r.shared_read_seq !== null).map((r) => r.username);
}
