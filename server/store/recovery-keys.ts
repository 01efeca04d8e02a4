import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { Kdf } from '../../common/api';
import { verifyAuthKey } from '../auth/auth-key-hash';
import { verifyRecoveryAuthKey } from '../auth/recovery-auth-hash';
import { RecoveryKey, RefreshToken, User } from '../db/entities';
import { newTokenFamily, storeRefreshToken } from './refresh-tokens';

export interface NewRecoveryKey {
  currentAuthKey: Buffer;
  authKeyHash: Buffer;
  keyVault: Buffer;
}

/** Sets or replaces the user's recovery key once the current authKey checks out; a wrong one changes nothing. */
export async function setRecoveryKey(em: EntityManager, username: string, key: NewRecoveryKey): Promise<'set' | 'wrong_passphrase'> {
  return em.transactional(async (tx) => {
    const user = await tx.findOne(User, { username }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!(await verifyAuthKey(user?.authKeyHash, key.currentAuthKey)) || !user) return 'wrong_passphrase';
    await tx.upsert(RecoveryKey, { user, authKeyHash: key.authKeyHash, keyVault: key.keyVault, createdAt: new Date() });
    return 'set';
  });
}

/** Removes it once the current authKey checks out; 'none' when there was none. */
export async function removeRecoveryKey(em: EntityManager, username: string, currentAuthKey: Buffer): Promise<'removed' | 'none' | 'wrong_passphrase'> {
  return em.transactional(async (tx) => {
    const user = await tx.findOne(User, { username }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!(await verifyAuthKey(user?.authKeyHash, currentAuthKey)) || !user) return 'wrong_passphrase';
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

export interface RecoveryReset {
  recoveryAuthKey: Buffer;
  kdf: Kdf;
  authKeyHash: string;
  keyVault: Buffer;
  /** The caller's next refresh token: every other one of the user goes. */
  refreshToken: string;
}

/**
 * A new passphrase proven by the recovery key, in one transaction with the user's row locked,
 * like a passphrase change: salt, hash and vault are replaced, every refresh token goes, the
 * caller gets a new sign-in. The recovery key stays (it seals the same keys).
 */
export async function resetWithRecoveryKey(em: EntityManager, username: string, reset: RecoveryReset): Promise<'reset' | 'invalid'> {
  return em.transactional(async (tx) => {
    const user = await tx.findOne(User, { username }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const row = user ? await tx.findOne(RecoveryKey, { user: username }) : null;
    if (!verifyRecoveryAuthKey(row?.authKeyHash, reset.recoveryAuthKey) || !user) return 'invalid';
    user.kdf = reset.kdf;
    user.authKeyHash = reset.authKeyHash;
    user.keyVault = reset.keyVault;
    await tx.flush();
    await tx.nativeDelete(RefreshToken, { user: username });
    await storeRefreshToken(tx, username, newTokenFamily(), reset.refreshToken);
    return 'reset';
  });
}
