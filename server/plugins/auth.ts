import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { loadServerKeys, type ServerKeys } from '../auth/server-secret';
import { verifyAccessToken } from '../auth/tokens';
import { unauthorized } from '../http/errors';

export interface AuthPluginOptions {
  jwtSecret?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    serverKeys: ServerKeys;
    /** onRequest hook for every route that needs a signed-in user. */
    requireUser: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    /** The signed-in user; set by requireUser. */
    username: string;
  }
}

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw unauthorized('unauthorized', 'Sign in first: this route needs an access token.');
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
  if (!match?.[1]) throw unauthorized('unauthorized', 'The Authorization header must be "Bearer <access token>".');
  return match[1];
}

/** The server's keys and `requireUser`, for the route plugins; the sign-in routes are in auth-routes.ts. */
export default fp<AuthPluginOptions>(async (app, options) => {
  const keys = await loadServerKeys(app.orm.em.fork().getKnex(), options.jwtSecret);
  app.decorate('serverKeys', keys);
  app.decorateRequest('username', '');
  app.decorate('requireUser', async (request: FastifyRequest) => {
    request.username = verifyAccessToken(keys.jwtKey, bearerToken(request));
  });
}, { name: 'auth', dependencies: ['db'] });
