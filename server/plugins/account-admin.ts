import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccountStatusAnswer, AdminUserList, UserParams } from '../../common/api';
import { conflict, notFound } from '../http/errors';
import { errors, security } from '../http/route-schema';
import { listAccounts } from '../store/account-list';
import { deactivateAccount, deleteAccount, reactivateAccount, type StatusChange } from '../store/account-status';

/** Server admins manage accounts: deactivate, reactivate, delete, list. None of it opens a group or its key. */
const accountAdmin: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.requireServerAdmin);

  async function answer(username: string, change: StatusChange): Promise<AccountStatusAnswer> {
    if (change.outcome === 'not_found') throw notFound('user_not_found', `There is no user "${username}"; check the spelling.`);
    if (change.outcome === 'deleted') throw conflict('account_deleted', `The account "${username}" was deleted; a deleted account cannot come back.`);
    if (change.outcome === 'last_server_admin') {
      throw conflict('last_server_admin', `${username} is the last active server admin; make another one first, or nobody could manage accounts.`);
    }
    // This process refuses the tokens and closes the sockets before the answer, and tells its
    // sockets' members; every other process does the same on its notice (realtime/account-events.ts).
    await app.endedSignIns.reload();
    return { username, status: change.status, groups: change.groupIds.length };
  }

  const schema = (summary: string) => ({
    tags: ['admin'], summary, security, params: UserParams, response: { 200: AccountStatusAnswer, ...errors },
  });

  app.get('/api/admin/users', {
    schema: { tags: ['admin'], summary: 'Every account with its status (server admin)', security, response: { 200: AdminUserList, ...errors } },
  }, async (request) => ({ users: (await listAccounts(request.em)).map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })) }));

  app.post('/api/admin/users/:username/deactivate', {
    schema: schema('Deactivate an account: its sign-ins, tokens and event sockets end at once (server admin)'),
  }, async (request) => {
    const { username } = request.params;
    return answer(username, await deactivateAccount(request.em.getKnex(), username));
  });

  app.post('/api/admin/users/:username/reactivate', {
    schema: schema('Reactivate a deactivated account: it signs in again with its passphrase (server admin)'),
  }, async (request) => {
    const { username } = request.params;
    return answer(username, await reactivateAccount(request.em.getKnex(), username));
  });

  app.delete('/api/admin/users/:username', {
    schema: schema('Delete an account: vault, authKey hash and tokens go; the name and public keys stay (server admin)'),
  }, async (request) => {
    const { username } = request.params;
    return answer(username, await deleteAccount(request.em.getKnex(), username));
  });
};

export default accountAdmin;
