import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccountStatusAnswer, AdminUserList, UserParams, type MemberAction } from '../../common/api';
import { conflict, forbidden, notFound } from '../http/errors';
import { errors, security } from '../http/route-schema';
import { publish } from '../realtime/publish';
import { deactivateAccount, deleteAccount, listAccounts, reactivateAccount, type StatusChange } from '../store/account-status';

/** What each change tells the account's co-members: a prompt for their admins, never a change to a group. */
const ACTION: Record<'deactivate' | 'reactivate' | 'delete', MemberAction> = { deactivate: 'deactivated', reactivate: 'reactivated', delete: 'deleted' };

/** Server admins manage accounts: deactivate, reactivate, delete, list. None of it opens a group or its key. */
const accountAdmin: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.requireServerAdmin);

  async function answer(username: string, change: StatusChange, doing: keyof typeof ACTION): Promise<AccountStatusAnswer> {
    if (change.outcome === 'not_found') throw notFound('user_not_found', `There is no user "${username}"; check the spelling.`);
    if (change.outcome === 'deleted') throw conflict('account_deleted', `The account "${username}" was deleted; a deleted account cannot come back.`);
    if (change.outcome === 'last_server_admin') {
      throw forbidden('last_server_admin', `${username} is the last active server admin; make another one first, or nobody could manage accounts.`);
    }
    // The sockets and tokens of this process are refused before the answer; other processes on their notice.
    await app.endedSignIns.reload();
    const action = ACTION[doing];
    await publish(app, ...change.groupIds.map((groupId) => ({ event: { type: 'member' as const, groupId, action, username } })));
    return { username, status: change.status, groups: change.groupIds.length };
  }

  const schema = (summary: string) => ({
    tags: ['admin'], summary, security, params: UserParams, response: { 200: AccountStatusAnswer, ...errors },
  });

  app.get('/api/admin/users', {
    schema: { tags: ['admin'], summary: 'Every account with its status (server admin)', security, response: { 200: AdminUserList, ...errors } },
  }, async (request) => ({ users: await listAccounts(request.em.getKnex()) }));

  app.post('/api/admin/users/:username/deactivate', {
    schema: schema('Deactivate an account: its sign-ins, tokens and event sockets end at once (server admin)'),
  }, async (request) => {
    const { username } = request.params;
    return answer(username, await deactivateAccount(request.em.getKnex(), username), 'deactivate');
  });

  app.post('/api/admin/users/:username/reactivate', {
    schema: schema('Reactivate a deactivated account: it signs in again with its passphrase (server admin)'),
  }, async (request) => {
    const { username } = request.params;
    return answer(username, await reactivateAccount(request.em.getKnex(), username), 'reactivate');
  });

  app.delete('/api/admin/users/:username', {
    schema: schema('Delete an account: vault, authKey hash and tokens go; the name and public keys stay (server admin)'),
  }, async (request) => {
    const { username } = request.params;
    return answer(username, await deleteAccount(request.em.getKnex(), username), 'delete');
  });
};

export default accountAdmin;
