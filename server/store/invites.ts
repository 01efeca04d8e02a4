// Invites: only the SHA-256 of a code is stored. A use is counted in the registration's own
// transaction by one conditional UPDATE, so racing registrations cannot overspend an invite.
import { randomUUID } from 'node:crypto';
import type { Knex } from '@mikro-orm/postgresql';
import type { InviteView } from '../../common/api';
import { hashJoinCode, newInviteCode } from '../auth/join-codes';

export interface NewInvite {
  createdBy: string;
  maxUses: number;
  expiresInSeconds: number;
  username?: string;
}

interface InviteRow {
  id: string;
  created_by: string | null;
  created_at: Date;
  expires_at: Date;
  max_uses: number;
  uses: number;
  username: string | null;
  revoked_at: Date | null;
}

const COLUMNS = ['id', 'created_by', 'created_at', 'expires_at', 'max_uses', 'uses', 'username', 'revoked_at'];
/** The list shows the newest this many. */
const LIST_LIMIT = 500;

function toView(row: InviteRow, usedBy: InviteView['usedBy']): InviteView {
  return {
    id: row.id,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    maxUses: row.max_uses,
    uses: row.uses,
    username: row.username,
    revoked: row.revoked_at !== null,
    usedBy,
  };
}

/** The code is returned here only; the database keeps its hash. */
export async function createInvite(knex: Knex, invite: NewInvite): Promise<{ code: string; invite: InviteView }> {
  const code = newInviteCode();
  const [row] = await knex('invites').insert({
    id: randomUUID(),
    code_hash: hashJoinCode(code),
    created_by: invite.createdBy,
    expires_at: knex.raw('now() + make_interval(secs => ?)', [invite.expiresInSeconds]),
    max_uses: invite.maxUses,
    username: invite.username ?? null,
  }).returning(COLUMNS) as InviteRow[];
  return { code, invite: toView(row!, []) };
}

/** Newest first; only those `createdBy` made, when given. */
export async function listInvites(knex: Knex, createdBy?: string): Promise<InviteView[]> {
  const query = knex('invites').select(COLUMNS).orderBy('created_at', 'desc').limit(LIST_LIMIT);
  if (createdBy) query.where('created_by', createdBy);
  const rows = await query as InviteRow[];
  const uses = rows.length === 0 ? [] : await knex('invite_uses').whereIn('invite_id', rows.map((r) => r.id))
    .orderBy('used_at').select('invite_id', 'username', 'used_at') as { invite_id: string; username: string; used_at: Date }[];
  return rows.map((row) => toView(row, uses.filter((u) => u.invite_id === row.id)
    .map((u) => ({ username: u.username, usedAt: new Date(u.used_at).toISOString() }))));
}

/** False when there is no such invite (or it is not `createdBy`'s, when given). Revoking twice is fine. */
export async function revokeInvite(knex: Knex, id: string, createdBy?: string): Promise<boolean> {
  const query = knex('invites').where('id', id).update({ revoked_at: knex.raw('coalesce(revoked_at, now())') });
  if (createdBy) query.where('created_by', createdBy);
  return (await query) > 0;
}

export type InviteSpend =
  | { outcome: 'spent'; inviteId: string }
  | { outcome: 'invalid'; reason: string }
  | { outcome: 'username_mismatch' };

/**
 * Counts one use, in the caller's transaction: the row stays locked until it commits, and a
 * racing registration re-checks `uses < max_uses` after it, so a single-use invite is spent once.
 */
export async function spendInvite(trx: Knex, code: string, username: string): Promise<InviteSpend> {
  const codeHash = hashJoinCode(code);
  const spent = await trx.raw(`UPDATE invites SET uses = uses + 1
    WHERE code_hash = ? AND revoked_at IS NULL AND expires_at > now() AND uses < max_uses AND (username IS NULL OR username = ?)
    RETURNING id`, [codeHash, username]);
  const id = (spent.rows[0] as { id: string } | undefined)?.id;
  if (id) {
    await trx('invite_uses').insert({ invite_id: id, username });
    return { outcome: 'spent', inviteId: id };
  }
  const row = await trx('invites').where('code_hash', codeHash).first(COLUMNS) as InviteRow | undefined;
  const ask = 'ask whoever invited you for a new one.';
  if (!row) return { outcome: 'invalid', reason: `That invite code is not known on this server; check that it was copied whole, or ${ask}` };
  if (row.revoked_at) return { outcome: 'invalid', reason: `That invite was revoked; ${ask}` };
  if (new Date(row.expires_at).getTime() <= Date.now()) return { outcome: 'invalid', reason: `That invite has expired; ${ask}` };
  if (row.uses >= row.max_uses) return { outcome: 'invalid', reason: `That invite has been used up; ${ask}` };
  return { outcome: 'username_mismatch' };
}
