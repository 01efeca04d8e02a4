import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { verifyRecoveryAuthKey } from '../auth/recovery-auth-hash';
import { RecoveryKey, User } from '../db/entities';
import { lockUserByAuthKey, replacePassphrase, type PassphraseReplacement } from './passphrase';

export interface NewRecoveryKey {
  currentAuthKey: Buffer;
  authKeyHash: Buffer;
  keyVault: Buffer;
}

/** Sets or replaces the user's recovery key once the current authKey checks out; a wrong one changes nothing. */
export async function setRecoveryKey(em: EntityManager, username: string, key: NewRecoveryKey): Promise<'set' | 'wrong_passphrase'> {
  return em.transactional(async (tx) => {
    const user = await lockUserByAuthKey(tx, username, key.currentAuthKey);
    if (!user) return 'wrong_passphrase';
    await tx.upsert(RecoveryKey, { user, authKeyHash: key.authKeyHash, keyVault: key.keyVault, createdAt: new Date() });
    return 'set';
  });
}

/** Removes it once the current authKey checks out; 'none' when there was none. */
export async function removeRecoveryKey(em: EntityManager, username: string, currentAuthKey: Buffer): Promise<'removed' | 'none' | 'wrong_passphrase'> {
  return em.transactional(async (tx) => {
    if (!(await lockUserByAuthKey(tx, username, currentAuthKey))) return 'wrong_passphrase';
    return (await tx.nativeDelete(RecoveryKey, { user: username })) > 0 ? 'removed' : 'none';
  });
}

export async function recoveryKeyCreatedAt(em: EntityManager, username: string): Promise<Date | undefined> {
  return (await em.findOne(RecoveryKey, { user: username }, { fields: ['createdAt'] }))?.createdAt;
}

/** The recovery-sealed vault, only for the right recovery auth key; an unknown user, no key and a wrong key all give undefined. */
export async function findRecoveryVault(em: EntityManager, username: string, recoveryAuthKey: Buffer): Promise<Buffer | undefined> {
  const row = await em.findOne(RecoveryKey, { user: username });
  return verifyRecoveryAuthKey(row?.authKeyHash, recoveryAuthKey) && row ? Buffer.from(row.keyVault) : undefined;
}

/**
 * A new passphrase proven by the recovery key, in one transaction with the user's row locked,
 * like a passphrase change (replacePassphrase): salt, hash and vault are replaced, every other
 * sign-in is ended (its access tokens too) and every refresh token goes, the caller gets a new sign-in. The
 * recovery key stays (it seals the same keys). A deactivated account changes nothing: it
 * would be a way around the deactivation (said only once the recovery key checked out).
 */
export async function resetWithRecoveryKey(
  em: EntityManager, username: string, recoveryAuthKey: Buffer, next: PassphraseReplacement,
): Promise<'reset' | 'invalid' | 'deactivated'> {
  return em.transactional(async (tx) => {
    const user = await tx.findOne(User, { username }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const row = user ? await tx.findOne(RecoveryKey, { user: username }) : null;
    if (!verifyRecoveryAuthKey(row?.authKeyHash, recoveryAuthKey) || !user) return 'invalid';
    if (user.status !== 'active') return 'deactivated';
    await replacePassphrase(tx, user, next);
    return 'reset';
  });
}
