import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccountInfoAnswer, ApiError, ServerInfoAnswer, type RegistrationMode } from '../../common/api';
import { errors, security } from '../http/route-schema';
import { isServerAdmin } from '../store/server-admins';
import { hasServerAdmin } from '../store/setup-code';

export interface JoiningOptions {
  registration: RegistrationMode;
  memberInvites: boolean;
  /** The per-file limit of attachments, announced so clients refuse a bigger file before uploading. */
  maxFileBytes: number;
}

/** What a client asks before sign-up (who may join here), and what the signed-in account may manage. */
const joining: FastifyPluginAsyncTypebox<JoiningOptions> = async (app, options) => {
  app.get('/api/server', {
    schema: {
      tags: ['server'], summary: 'Who may register here: the registration mode, whether the setup code is pending, whether members invite',
      response: { 200: ServerInfoAnswer, 500: ApiError },
    },
  }, async (request) => ({
    registration: options.registration,
    setupPending: !(await hasServerAdmin(request.em.getKnex())),
    memberInvites: options.memberInvites,
    maxFileBytes: options.maxFileBytes,
  }));

  app.get('/api/account', {
    onRequest: app.requireUser,
    schema: { tags: ['server'], summary: 'The signed-in account: its name and whether it is a server admin', security, response: { 200: AccountInfoAnswer, ...errors } },
  }, async (request) => ({ username: request.username, serverAdmin: await isServerAdmin(request.em, request.username) }));
};

export default joining;
