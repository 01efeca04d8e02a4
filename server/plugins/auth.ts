import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { keysFromEnvSecret, loadSecretFile, watchSecretFile, type ServerKeys } from '../auth/server-secret';
import { EndedSignIns, type AccountChange } from '../auth/ended-sign-ins';
import { ACCESS_TOKEN_SECONDS, verifyAccessToken } from '../auth/tokens';
import { forbidden, unauthorized } from '../http/errors';
import { loadEndedSignIns } from '../store/ended-sign-ins';
import { isServerAdmin } from '../store/server-admins';

/** Where the signing secret comes from: JWT_SECRET when given, else the secret file. */
export interface AuthPluginOptions {
  jwtSecret?: string;
  secretFile?: string;
  /** Lifetime of an access token: how long an ended sign-in must be remembered. */
  accessTokenSeconds?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Replaced in place when the secret file is rotated; read it at each use, never keep a copy. */
    serverKeys: ServerKeys;
    /** Listeners called after a rotation, e.g. to close event sockets signed in with an old token. */
    secretRotated: Set<() => void>;
    /** Ended sign-ins and inactive accounts, in memory: reload() after changing them (the store notifies other processes). */
    endedSignIns: EndedSignIns;
    /** Listeners called after ended sign-ins are reloaded, e.g. to close their event sockets. */
    signInsReloaded: Set<(changes: AccountChange[]) => void>;
    /** onRequest hook for every route that needs a signed-in user. */
    requireUser: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** onRequest hook for the account-management routes: a signed-in server admin (checked in the database each time). */
    requireServerAdmin: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
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
  const { jwtSecret, secretFile } = options;
  if (!jwtSecret && !secretFile) throw new Error('The server needs JWT_SECRET or a secret file to sign tokens with.');
  const keys = jwtSecret ? keysFromEnvSecret(jwtSecret) : loadSecretFile(secretFile!);
  app.decorate('serverKeys', keys);
  const rotatedListeners = new Set<() => void>();
  app.decorate('secretRotated', rotatedListeners);
  if (!jwtSecret) {
    const stop = watchSecretFile(secretFile!, (rotated) => {
      if (rotated.jwtKey.equals(keys.jwtKey)) return;
      Object.assign(keys, { retiredJwtKey: undefined }, rotated);
      app.log.info({ secretFile }, 'the token secret was rotated: access tokens signed before now are refused, refresh tokens go on');
      for (const listener of rotatedListeners) listener();
    }, (error) => app.log.error({ err: error }, 'the rotated secret file could not be read; the server keeps its current keys'));
    app.addHook('onClose', async () => stop());
  }
  const tokenSeconds = Math.max(options.accessTokenSeconds ?? ACCESS_TOKEN_SECONDS, ACCESS_TOKEN_SECONDS);
  const reloadedListeners = new Set<(changes: AccountChange[]) => void>();
  app.decorate('signInsReloaded', reloadedListeners);
  const ended = new EndedSignIns(() => loadEndedSignIns(app.orm.em.fork().getKnex(), tokenSeconds), reloadedListeners);
  await ended.reload();
  app.decorate('endedSignIns', ended);
  app.decorateRequest('username', '');
  // No query: a signature check and two lookups in memory (sends are benchmarked against raw pg).
  app.decorate('requireUser', async (request: FastifyRequest) => {
    const claims = verifyAccessToken(keys, bearerToken(request));
    ended.check(claims);
    request.username = claims.username;
  });
  app.decorate('requireServerAdmin', async (request: FastifyRequest, reply: FastifyReply) => {
    await app.requireUser(request, reply);
    if (!(await isServerAdmin(request.em, request.username))) {
      throw forbidden('not_server_admin', 'Only a server admin can do this; ask one of them.');
    }
  });
}, { name: 'auth', dependencies: ['db'] });
