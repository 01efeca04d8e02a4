import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccountStatus } from '../../common/api';
import { User } from '../db/entities';

export interface AccountRow {
  username: string;
  createdAt: Date;
  serverAdmin: boolean;
  status: AccountStatus;
}

/** Every account, by username: what `teamchat-server admin users` and GET /api/admin/users list. */
export async function listAccounts(em: EntityManager): Promise<AccountRow[]> {
  const users = await em.find(User, {}, { fields: ['username', 'createdAt', 'serverAdmin', 'status'], orderBy: { username: 'asc' } });
  return users.map((user) => ({ username: user.username, createdAt: user.createdAt, serverAdmin: user.serverAdmin, status: user.status }));
}
