// The one-time setup code that makes the first server admin. One row (id 1) holds the SHA-256
// of the one live code, so several processes on one database cannot each make their own.
import type { Knex } from '@mikro-orm/postgresql';
import { hashJoinCode, newSetupCode } from '../auth/join-codes';

/** A code lives this long; a start after that (with still no server admin) makes a new one. */
export const SETUP_CODE_HOURS = 24;

export type SetupCodeOutcome =
  /** A server admin exists: no code is needed. */
  | { kind: 'not_needed' }
  /** This process made the code: print it, once. */
  | { kind: 'created'; code: string; expiresAt: Date }
  /** Another process (or an earlier start) made the one live code. */
  | { kind: 'live'; createdAt: Date; expiresAt: Date };

export async function hasServerAdmin(knex: Knex): Promise<boolean> {
  return (await knex('users').where('server_admin', true).first('username')) !== undefined;
}

/**
 * Makes a setup code when there is no server admin and no live code: insert-if-absent, and a
 * used or expired code is replaced, all in one statement, so of racing processes one wins.
 */
export async function prepareSetupCode(knex: Knex): Promise<SetupCodeOutcome> {
  if (await hasServerAdmin(knex)) return { kind: 'not_needed' };
  const code = newSetupCode();
  const made = await knex.raw(`INSERT INTO server_setup (id, code_hash, created_at, expires_at, used_at)
    VALUES (1, ?, now(), now() + make_interval(hours => ?), NULL)
    ON CONFLICT (id) DO UPDATE SET code_hash = excluded.code_hash, created_at = excluded.created_at, expires_at = excluded.expires_at, used_at = NULL
    WHERE server_setup.used_at IS NOT NULL OR server_setup.expires_at <= now()
    RETURNING expires_at`, [hashJoinCode(code), SETUP_CODE_HOURS]);
  const row = made.rows[0] as { expires_at: Date } | undefined;
  if (row) return { kind: 'created', code, expiresAt: new Date(row.expires_at) };
  const live = await knex('server_setup').where('id', 1).first('created_at', 'expires_at') as { created_at: Date; expires_at: Date };
  return { kind: 'live', createdAt: new Date(live.created_at), expiresAt: new Date(live.expires_at) };
}

/**
 * Spends the live code in the caller's transaction; false when it is wrong, used or expired, or
 * when a server admin exists by now (made on the host with `teamchat-server admin grant`): the
 * code only ever makes the first one.
 */
export async function spendSetupCode(trx: Knex, code: string): Promise<boolean> {
  const spent = await trx.raw(`UPDATE server_setup SET used_at = now()
    WHERE id = 1 AND code_hash = ? AND used_at IS NULL AND expires_at > now()
      AND NOT EXISTS (SELECT 1 FROM users WHERE server_admin) RETURNING id`, [hashJoinCode(code)]);
  return spent.rows.length > 0;
}
