import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { Kdf } from '../../common/api';
import { verifyAuthKey } from '../auth/auth-key-hash';
import { RefreshToken, User } from '../db/entities';
import { endOtherSignIns } from './ended-sign-ins';
import { storeRefreshToken } from './refresh-tokens';

export interface NewPassphrase {
  currentAuthKey: Buffer;
  kdf: Kdf;
  authKeyHash: string;
  keyVault: Buffer;
  /** The caller's next refresh token: every other one of the user goes. */
  refreshToken: string;
  /** The caller's new sign-in (newTokenFamily); every other one ends, its access tokens too. */
  familyId: string;
}

/**
 * In one transaction, with the user's row locked so two changes cannot both pass the check:
 * the current authKey is checked against the stored hash, then salt, hash and vault are
 * replaced and every refresh token of the user is deleted, the caller getting a new sign-in;
 * the other sign-ins are recorded as ended, so their access tokens are refused at once too.
 * A wrong key changes nothing.
 */
export async function changePassphrase(em: EntityManager, username: string, change: NewPassphrase): Promise<'changed' | 'wrong_passphrase'> {
  return em.transactional(async (tx) => {
    const user = await tx.findOne(User, { username }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!(await verifyAuthKey(user?.authKeyHash, change.currentAuthKey)) || !user) return 'wrong_passphrase';
    user.kdf = change.kdf;
    user.authKeyHash = change.authKeyHash;
    user.keyVault = change.keyVault;
    await tx.flush();
    await endOtherSignIns(tx, username, change.familyId);
    await tx.nativeDelete(RefreshToken, { user: username });
    await storeRefreshToken(tx, username, change.familyId, change.refreshToken);
    return 'changed';
  });
}
