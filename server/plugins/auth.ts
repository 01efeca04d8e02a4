import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ApiError, LoginAnswer, LoginBody, LogoutBody, MIN_KDF, PreloginAnswer, PreloginQuery, RefreshAnswer, RefreshBody,
  RegisterAnswer, RegisterBody, type Kdf,
} from '../../common/api';
import { hashAuthKey, verifyAuthKey } from '../auth/auth-key-hash';
import { fakeSaltFor, loadServerKeys, type ServerKeys } from '../auth/server-secret';
import {
  ACCESS_TOKEN_SECONDS, REFRESH_TOKEN_DAYS, hashRefreshToken, issueAccessToken, newRefreshToken, verifyAccessToken,
} from '../auth/tokens';
import { RefreshToken, User } from '../db/entities';
import { badRequest, conflict, unauthorized } from '../http/errors';

export interface AuthPluginOptions {
  jwtSecret?: string;
  /** Attempts per minute per address on each auth route. */
  rateLimit: number;
  /** Lifetime of an access token (default 15 minutes). */
  accessTokenSeconds?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    serverKeys: ServerKeys;
    /** preHandler for every route that needs a signed-in user. */
    requireUser: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    /** The signed-in user; set by requireUser. */
    username: string;
  }
}

const DEFAULT_KDF = { algorithm: 'argon2id', version: 19, ...MIN_KDF } as const;

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw unauthorized('unauthorized', 'Sign in first: this route needs an access token.');
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
  if (!match?.[1]) throw unauthorized('unauthorized', 'The Authorization header must be "Bearer <access token>".');
  return match[1];
}

function assertStrongKdf(kdf: Kdf): void {
  if (kdf.memoryKiB < MIN_KDF.memoryKiB || kdf.iterations < MIN_KDF.iterations || kdf.parallelism < MIN_KDF.parallelism) {
    throw badRequest('weak_kdf', 'The key derivation is weaker than Argon2id t=3, 64 MiB, p=4; update the client.');
  }
  if (Buffer.from(kdf.saltB64, 'base64').length < 16) {
    throw badRequest('weak_kdf', 'The key derivation salt is shorter than 16 bytes; update the client.');
  }
}

function decode32(b64: string, what: string): Buffer {
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length !== 32) throw badRequest('invalid_request', `The ${what} must be 32 bytes.`);
  return bytes;
}

const authRoutes: FastifyPluginAsyncTypebox<AuthPluginOptions> = async (app, options) => {
  const keys = app.serverKeys;
  const rateLimit = { max: options.rateLimit, timeWindow: '1 minute' };
  const errors = { 400: ApiError, 401: ApiError, 409: ApiError, 413: ApiError, 429: ApiError, 500: ApiError };

  app.post('/api/auth/register', {
    config: { rateLimit },
    schema: { tags: ['auth'], summary: 'Create an account', body: RegisterBody, response: { 201: RegisterAnswer, ...errors } },
  }, async (request, reply) => {
    const body = request.body;
    assertStrongKdf(body.kdf);
    const authKeyHash = await hashAuthKey(decode32(body.authKeyB64, 'authKey'));
    request.em.create(User, {
      username: body.username,
      kdf: body.kdf,
      authKeyHash,
      encryptionPublicKey: decode32(body.encryptionPublicKeyB64, 'encryption public key'),
      signingPublicKey: decode32(body.signingPublicKeyB64, 'signing public key'),
      keyVault: Buffer.from(body.keyVaultB64, 'base64'),
    });
    try {
      await request.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict('username_taken', 'That username is taken; choose another one.');
      throw error;
    }
    return reply.status(201).send({ username: body.username });
  });

  app.get('/api/auth/prelogin', {
    config: { rateLimit },
    schema: { tags: ['auth'], summary: 'KDF parameters for a username (a stable fake for unknown names)', querystring: PreloginQuery, response: { 200: PreloginAnswer, ...errors } },
  }, async (request) => {
    const user = await request.em.findOne(User, { username: request.query.username }, { fields: ['kdf'] });
    if (user) return { kdf: user.kdf };
    return { kdf: { ...DEFAULT_KDF, saltB64: fakeSaltFor(keys.preloginKey, request.query.username) } };
  });

  async function issueTokens(em: EntityManager, username: string) {
    const refreshToken = newRefreshToken();
    await em.nativeDelete(RefreshToken, { user: username, expiresAt: { $lt: new Date() } });
    em.create(RefreshToken, {
      tokenHash: hashRefreshToken(refreshToken),
      user: em.getReference(User, username),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_DAYS * 86_400_000),
    });
    await em.flush();
    const seconds = options.accessTokenSeconds ?? ACCESS_TOKEN_SECONDS;
    return { accessToken: issueAccessToken(keys.jwtKey, username, seconds), refreshToken, expiresIn: seconds };
  }

  app.post('/api/auth/login', {
    config: { rateLimit },
    schema: { tags: ['auth'], summary: 'Sign in with the authKey', body: LoginBody, response: { 200: LoginAnswer, ...errors } },
  }, async (req) => {
    const user = await req.em.findOne(User, { username: req.body.username });
    const ok = await verifyAuthKey(user?.authKeyHash, Buffer.from(req.body.authKeyB64, 'base64'));
    if (!user || !ok) throw unauthorized('invalid_credentials', 'Wrong username or passphrase; check both and try again.');
    return {
      ...(await issueTokens(req.em, user.username)),
      user: {
        username: user.username,
        encryptionPublicKeyB64: Buffer.from(user.encryptionPublicKey).toString('base64'),
        signingPublicKeyB64: Buffer.from(user.signingPublicKey).toString('base64'),
        keyVaultB64: Buffer.from(user.keyVault).toString('base64'),
      },
    };
  });

  app.post('/api/auth/refresh', {
    config: { rateLimit },
    schema: { tags: ['auth'], summary: 'Trade a refresh token (spent) for new tokens', body: RefreshBody, response: { 200: RefreshAnswer, ...errors } },
  }, async (req) => {
    const knex = req.em.getKnex();
    // Deleting and reading in one statement spends the token exactly once, even under a race.
    const spent = await knex.raw('DELETE FROM refresh_tokens WHERE token_hash = ? RETURNING username, expires_at > now() AS live',
      [hashRefreshToken(req.body.refreshToken)]);
    const row = spent.rows[0] as { username: string; live: boolean } | undefined;
    if (!row?.live) {
      throw unauthorized('invalid_refresh_token', 'The refresh token is spent, revoked or expired; sign in again.');
    }
    return issueTokens(req.em, row.username);
  });

  app.post('/api/auth/logout', {
    config: { rateLimit },
    schema: { tags: ['auth'], summary: 'Revoke a refresh token', body: LogoutBody, response: { 204: { type: 'null' }, ...errors } },
  }, async (req, reply) => {
    await req.em.nativeDelete(RefreshToken, { tokenHash: hashRefreshToken(req.body.refreshToken) });
    return reply.status(204).send(null);
  });
};

export default fp<AuthPluginOptions>(async (app, options) => {
  const keys = await loadServerKeys(app.orm.em.fork().getKnex(), options.jwtSecret);
  app.decorate('serverKeys', keys);
  app.decorateRequest('username', '');
  app.decorate('requireUser', async (request: FastifyRequest) => {
    request.username = verifyAccessToken(keys.jwtKey, bearerToken(request));
  });
  await app.register(authRoutes, options);
}, { name: 'auth', dependencies: ['db'] });
