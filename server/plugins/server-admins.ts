import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccountInfoAnswer, UserParams } from '../../common/api';
import { conflict, notFound } from '../http/errors';
import { errors, security } from '../http/route-schema';
import { revokeServerAdmin } from '../store/server-admin-changes';
import { setServerAdmin } from '../store/server-admins';

/** A server admin makes another account one, or takes the role back (never from the last one). */
const serverAdmins: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.requireServerAdmin);
  const noUser = (username: string) => notFound('user_not_found', `There is no user "${username}"; check the spelling.`);

  app.post('/api/admin/users/:username/server-admin', {
    schema: { tags: ['admin'], summary: 'Make an account a server admin', security, params: UserParams, response: { 200: AccountInfoAnswer, ...errors } },
  }, async (request) => {
    const { username } = request.params;
    if (!(await setServerAdmin(request.em, username, true))) throw noUser(username);
    request.log.info({ username, by: request.username }, 'server admin granted');
    return { username, serverAdmin: true };
  });

  app.delete('/api/admin/users/:username/server-admin', {
    schema: { tags: ['admin'], summary: 'Take the server admin role from an account (not from the last one)', security, params: UserParams, response: { 200: AccountInfoAnswer, ...errors } },
  }, async (request) => {
    const { username } = request.params;
    const outcome = await revokeServerAdmin(request.em.getKnex(), username);
    if (outcome === 'no_user') throw noUser(username);
    if (outcome === 'last') throw conflict('last_server_admin', `${username} is the last server admin; make someone else one first.`);
    request.log.info({ username, by: request.username }, 'server admin revoked');
    return { username, serverAdmin: false };
  });
};

export default serverAdmins;
