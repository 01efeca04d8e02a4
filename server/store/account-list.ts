import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../db/entities';

export interface AccountRow {
  username: string;
  createdAt: Date;
  serverAdmin: boolean;
}

/** Every account, by username: what `teamchat-server admin users` lists. */
export async function listAccounts(em: EntityManager): Promise<AccountRow[]> {
  const users = await em.find(User, {}, { fields: ['username', 'createdAt', 'serverAdmin'], orderBy: { username: 'asc' } });
  return users.map((user) => ({ username: user.username, createdAt: user.createdAt, serverAdmin: user.serverAdmin }));
}
