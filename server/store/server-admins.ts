import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../db/entities';

/** Server admins manage accounts (invites, deactivation); being one opens no group. */
export async function isServerAdmin(em: EntityManager, username: string): Promise<boolean> {
  const user = await em.findOne(User, { username }, { fields: ['serverAdmin'] });
  return user?.serverAdmin === true;
}

/** False when there is no such account. */
export async function setServerAdmin(em: EntityManager, username: string, serverAdmin: boolean): Promise<boolean> {
  const changed = await em.nativeUpdate(User, { username }, { serverAdmin });
  return changed > 0;
}
