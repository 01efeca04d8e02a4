import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/** Every process LISTENs here and reloads its ended sign-ins (server/auth/ended-sign-ins.ts) on a notice. */
export const ACCOUNTS_CHANNEL = 'teamchat_accounts';

/** Ends every current sign-in of a user but one; run inside the transaction that ends them. */
export const END_SIGN_INS_SQL = `INSERT INTO ended_sign_ins (family_id, username)
  SELECT DISTINCT family_id, username FROM refresh_tokens WHERE username = ? AND family_id <> ?
  ON CONFLICT (family_id) DO NOTHING`;

/**
 * Delivered at commit to every process on this PostgreSQL, whoever made the change (a route,
 * or a command on the server host): each one reloads what it keeps in memory.
 */
export const NOTIFY_ACCOUNTS_SQL = `SELECT pg_notify('${ACCOUNTS_CHANNEL}', '')`;

/** Rows older than this many seconds name sign-ins whose access tokens have all expired. */
const PRUNE_SQL = `DELETE FROM ended_sign_ins WHERE ended_at < now() - make_interval(secs => ?)`;

/** A passphrase change: every sign-in of the user but the caller's new one ends, in the caller's transaction. */
export async function endOtherSignIns(tx: EntityManager, username: string, keepFamily: string): Promise<void> {
  await tx.execute(END_SIGN_INS_SQL, [username, keepFamily]);
  await tx.execute(NOTIFY_ACCOUNTS_SQL);
}

export interface EndedSnapshot {
  /** Accounts that sign nobody in: deactivated or deleted. */
  inactive: { username: string; status: 'deactivated' | 'deleted' }[];
  /** Sign-ins ended within the last access-token lifetime, with when each may be forgotten (ms since the epoch). */
  families: { familyId: string; forgetAtMs: number }[];
}

/** What every process keeps in memory; rows past the token lifetime are dropped on the way. */
export async function loadEndedSignIns(knex: Knex, tokenSeconds: number): Promise<EndedSnapshot> {
  await knex.raw(PRUNE_SQL, [tokenSeconds]);
  const inactive = await knex.raw(`SELECT username, status FROM users WHERE status <> 'active'`);
  const families = await knex.raw(`SELECT family_id,
      (extract(epoch FROM ended_at) * 1000)::float8 + ? * 1000 AS forget_at FROM ended_sign_ins`, [tokenSeconds]);
  return {
    inactive: inactive.rows as EndedSnapshot['inactive'],
    families: families.rows.map((r: { family_id: string; forget_at: number }) => ({ familyId: r.family_id, forgetAtMs: Number(r.forget_at) })),
  };
}
