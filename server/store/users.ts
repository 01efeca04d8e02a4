import type { EntityManager } from '@mikro-orm/postgresql';
import type { Kdf } from '../../common/api';
import { User } from '../db/entities';

export interface NewAccount {
  username: string;
  kdf: Kdf;
  authKeyHash: string;
  encryptionPublicKey: Buffer;
  signingPublicKey: Buffer;
  keyVault: Buffer;
}

/** None for a deleted account: it has no passphrase any more, so prelogin answers as for an unknown name. */
export async function findKdf(em: EntityManager, username: string): Promise<Kdf | undefined> {
  const user = await em.findOne(User, { username }, { fields: ['kdf', 'status'] });
  return user?.status === 'deleted' ? undefined : user?.kdf;
}

/** Everything sign-in needs: the hash to check, and the keys and vault the client gets back. */
export async function findAccount(em: EntityManager, username: string): Promise<User | null> {
  return em.findOne(User, { username });
}

export async function findPublicKeys(
  em: EntityManager, username: string,
): Promise<{ username: string; encryptionPublicKey: Uint8Array; signingPublicKey: Uint8Array } | null> {
  return em.findOne(User, { username }, { fields: ['encryptionPublicKey', 'signingPublicKey'] });
}
