import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PublicUserView, UserParams } from '../../common/api';
import { notFound } from '../http/errors';
import { errors, security } from '../http/route-schema';
import { findPublicKeys } from '../store/users';

const users: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.requireUser);

  app.get('/api/users/:username', {
    schema: {
      tags: ['users'], summary: "A user's public keys", security,
      params: UserParams, response: { 200: PublicUserView, ...errors },
    },
  }, async (request) => {
    const { username } = request.params;
    const user = await findPublicKeys(request.em, username);
    if (!user) throw notFound('user_not_found', `There is no user "${username}"; check the spelling.`);
    return {
      username: user.username,
      encryptionPublicKeyB64: Buffer.from(user.encryptionPublicKey).toString('base64'),
      signingPublicKeyB64: Buffer.from(user.signingPublicKey).toString('base64'),
    };
  });
};

export default users;
