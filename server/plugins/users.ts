import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError, PublicUserView, UserParams } from '../../common/api';
import { User } from '../db/entities';
import { notFound } from '../http/errors';

const users: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.requireUser);

  app.get('/api/users/:username', {
    schema: {
      tags: ['users'], summary: "A user's public keys", security: [{ bearer: [] }],
      params: UserParams, response: { 200: PublicUserView, 400: ApiError, 401: ApiError, 404: ApiError, 500: ApiError },
    },
  }, async (request) => {
    const user = await request.em.findOne(User, { username: request.params.username }, { fields: ['encryptionPublicKey', 'signingPublicKey'] });
    if (!user) throw notFound('user_not_found', `There is no user "${request.params.username}"; check the spelling.`);
    return {
      username: user.username,
      encryptionPublicKeyB64: Buffer.from(user.encryptionPublicKey).toString('base64'),
      signingPublicKeyB64: Buffer.from(user.signingPublicKey).toString('base64'),
    };
  });
};

export default users;
