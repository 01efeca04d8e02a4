import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hashRefreshToken, REFRESH_TOKEN_DAYS } from '../auth/tokens';
import { RefreshToken, User } from '../db/entities';
import { NOTIFY_ACCOUNTS_SQL } from './ended-sign-ins';

/** A new family: one per sign-in; every refresh token of that sign-in carries its id. */
export function newTokenFamily(): string {
  return randomUUID();
}

/** Keeps the token's hash only; the user's expired tokens go at the same time. */
export async function storeRefreshToken(em: EntityManager, username: string, familyId: string, refreshToken: string): Promise<void> {
  await em.nativeDelete(RefreshToken, { user: username, expiresAt: { $lt: new Date() } });
  em.create(RefreshToken, {
    tokenHash: hashRefreshToken(refreshToken),
    user: em.getReference(User, username),
    familyId,
    expiresAt: new Date(Date.now() + REFRESH_TOKEN_DAYS * 86_400_000),
  });
  await em.flush();
}

export type SpentRefreshToken =
  | { outcome: 'spent'; username: string; familyId: string }
  /** Unknown, expired or signed out. */
  | { outcome: 'invalid' }
  /** Spent before: someone else holds a copy, and the whole family is now spent. */
  | { outcome: 'reused' };

/**
 * Spends a live token and says whose it was. Marking and reading in one statement spends a
 * token exactly once, even under a race. A spent token kept until it expires is what tells a
 * replay (OAuth 2.1 reuse detection): then every token of its family is spent, so neither
 * the thief's nor the owner's next refresh works and the owner signs in again.
 */
export async function spendRefreshToken(em: EntityManager, refreshToken: string): Promise<SpentRefreshToken> {
  const knex = em.getKnex();
  const tokenHash = hashRefreshToken(refreshToken);
  const spent = await knex.raw(`UPDATE refresh_tokens SET spent_at = now()
    WHERE token_hash = ? AND spent_at IS NULL AND expires_at > now() RETURNING username, family_id`, [tokenHash]);
  const row = spent.rows[0] as { username: string; family_id: string } | undefined;
  if (row) return { outcome: 'spent', username: row.username, familyId: row.family_id };
  const known = await knex.raw('SELECT family_id, spent_at IS NOT NULL AS spent FROM refresh_tokens WHERE token_hash = ? AND expires_at > now()', [tokenHash]);
  const found = known.rows[0] as { family_id: string; spent: boolean } | undefined;
  if (!found?.spent) return { outcome: 'invalid' };
  await knex.raw('UPDATE refresh_tokens SET spent_at = now() WHERE family_id = ? AND spent_at IS NULL', [found.family_id]);
  return { outcome: 'reused' };
}

/**
 * Sign-out: the token's whole family goes, so no token of that sign-in works again, and the
 * sign-in is recorded as ended, so its access tokens are refused at once too. False for a
 * token that names no sign-in (nothing to tell the other processes).
 */
export async function revokeRefreshToken(em: EntityManager, refreshToken: string): Promise<boolean> {
  return em.getKnex().transaction(async (trx) => {
    const ended = await trx.raw(`INSERT INTO ended_sign_ins (family_id, username)
      SELECT family_id, username FROM refresh_tokens WHERE token_hash = ? ON CONFLICT (family_id) DO NOTHING RETURNING family_id`,
    [hashRefreshToken(refreshToken)]);
    await trx.raw(`DELETE FROM refresh_tokens WHERE family_id IN
      (SELECT family_id FROM refresh_tokens WHERE token_hash = ?)`, [hashRefreshToken(refreshToken)]);
    if (ended.rows.length === 0) return false;
    await trx.raw(NOTIFY_ACCOUNTS_SQL);
    return true;
  });
}
