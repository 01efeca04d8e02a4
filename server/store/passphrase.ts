import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { Kdf } from '../../common/api';
import { verifyAuthKey } from '../auth/auth-key-hash';
import { RefreshToken, User } from '../db/entities';
import { endOtherSignIns } from './ended-sign-ins';
import { storeRefreshToken } from './refresh-tokens';

/** A new passphrase for a change or a recovery reset, and the caller's new sign-in. */
export interface PassphraseReplacement {
  kdf: Kdf;
  authKeyHash: string;
  keyVault: Buffer;
  /** The caller's next refresh token: every other one of the user goes. */
  refreshToken: string;
  /** The caller's new sign-in (newTokenFamily); every other one ends, its access tokens too. */
  familyId: string;
}

/** The user's row, locked for the transaction, once the current authKey checks out; undefined for a wrong one (or no such user). */
export async function lockUserByAuthKey(tx: EntityManager, username: string, currentAuthKey: Buffer): Promise<User | undefined> {
  const user = await tx.findOne(User, { username }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  return (await verifyAuthKey(user?.authKeyHash, currentAuthKey)) && user ? user : undefined;
}

/**
 * In the caller's transaction, on the locked row: salt, hash and vault are replaced, the other
 * sign-ins are recorded as ended (their access tokens are refused at once too), every refresh
 * token of the user is deleted and the caller gets its new sign-in.
 */
export async function replacePassphrase(tx: EntityManager, user: User, next: PassphraseReplacement): Promise<void> {
  user.kdf = next.kdf;
  user.authKeyHash = next.authKeyHash;
  user.keyVault = next.keyVault;
  await tx.flush();
  await endOtherSignIns(tx, user.username, next.familyId);
  await tx.nativeDelete(RefreshToken, { user: user.username });
  await storeRefreshToken(tx, user.username, next.familyId, next.refreshToken);
}

/**
 * In one transaction, with the user's row locked so two changes cannot both pass the check:
 * the current authKey is checked against the stored hash, then the passphrase is replaced
 * (replacePassphrase). A wrong key changes nothing.
 */
export async function changePassphrase(
  em: EntityManager, username: string, currentAuthKey: Buffer, next: PassphraseReplacement,
): Promise<'changed' | 'wrong_passphrase'> {
  return em.transactional(async (tx) => {
    const user = await lockUserByAuthKey(tx, username, currentAuthKey);
    if (!user) return 'wrong_passphrase';
    await replacePassphrase(tx, user, next);
    return 'changed';
  });
}
