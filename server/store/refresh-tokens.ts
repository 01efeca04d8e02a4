import type { EntityManager } from '@mikro-orm/postgresql';
import { hashRefreshToken, REFRESH_TOKEN_DAYS } from '../auth/tokens';
import { RefreshToken, User } from '../db/entities';

/** Keeps the token's hash only; the user's expired tokens go at the same time. */
export async function storeRefreshToken(em: EntityManager, username: string, refreshToken: string): Promise<void> {
  await em.nativeDelete(RefreshToken, { user: username, expiresAt: { $lt: new Date() } });
  em.create(RefreshToken, {
    tokenHash: hashRefreshToken(refreshToken),
    user: em.getReference(User, username),
    expiresAt: new Date(Date.now() + REFRESH_TOKEN_DAYS * 86_400_000),
  });
  await em.flush();
}

/**
 * Deletes the token and says whose it was, undefined when it was spent, revoked or expired.
 * Deleting and reading in one statement spends a token exactly once, even under a race.
 */
export async function spendRefreshToken(em: EntityManager, refreshToken: string): Promise<string | undefined> {
  const spent = await em.getKnex().raw('DELETE FROM refresh_tokens WHERE token_hash = ? RETURNING username, expires_at > now() AS live',
    [hashRefreshToken(refreshToken)]);
  const row = spent.rows[0] as { username: string; live: boolean } | undefined;
  return row?.live ? row.username : undefined;
}

export async function revokeRefreshToken(em: EntityManager, refreshToken: string): Promise<void> {
  await em.nativeDelete(RefreshToken, { tokenHash: hashRefreshToken(refreshToken) });
}
