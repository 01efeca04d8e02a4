import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ChangePassphraseAnswer, ChangePassphraseBody, LoginAnswer, LoginBody, LogoutBody, MIN_KDF, PreloginAnswer, PreloginQuery, RefreshAnswer, RefreshBody,
  RegisterAnswer, RegisterBody, type RegistrationMode,
} from '../../common/api';
import { hashAuthKey, verifyAuthKey } from '../auth/auth-key-hash';
import { fakeSaltFor } from '../auth/server-secret';
import { ACCESS_TOKEN_SECONDS, issueAccessToken, newRefreshToken } from '../auth/tokens';
import { accountDeactivated, badRequest, conflict, forbidden, unauthorized, wrongPassphrase } from '../http/errors';
import { assertStrongKdf, decode32, passphraseReplacement } from '../http/new-passphrase';
import { errors as signedInErrors, security, signInErrors as errors } from '../http/route-schema';
import { accountStatus } from '../store/account-status';
import { changePassphrase } from '../store/passphrase';
import { newTokenFamily, revokeRefreshToken, spendRefreshToken, storeRefreshToken } from '../store/refresh-tokens';
import { registerAccount } from '../store/registration';
import { findAccount, findKdf } from '../store/users';

export interface AuthRoutesOptions {
  /** Attempts per minute per address on each auth route. */
  rateLimit: number;
  /** Lifetime of an access token (default 15 minutes). */
  accessTokenSeconds?: number;
  /** Who may create an account (default open); the setup code works in every mode. */
  registration?: RegistrationMode;
}

const DEFAULT_KDF = { algorithm: 'argon2id', version: 19, ...MIN_KDF } as const;

/** Register, prelogin, login, refresh and logout (used before there is an access token), and changing the passphrase. */
const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  // Read at each use: a rotation replaces the keys in place.
  const keys = app.serverKeys;
  const rateLimit = { max: options.rateLimit, timeWindow: '1 minute' };

  async function issueTokens(em: EntityManager, username: string, familyId: string) {
    const refreshToken = newRefreshToken();
    await storeRefreshToken(em, username, familyId, refreshToken);
    const seconds = options.accessTokenSeconds ?? ACCESS_TOKEN_SECONDS;
    return { accessToken: issueAccessToken(keys.jwtKey, username, familyId, seconds), refreshToken, expiresIn: seconds };
  }

  app.post('/api/auth/register', {
    config: { rateLimit },
    schema: { tags: ['auth'], summary: 'Create an account (with an invite or the setup code when the server asks)', body: RegisterBody, response: { 201: RegisterAnswer, ...errors } },
  }, async (request, reply) => {
    const body = request.body;
    assertStrongKdf(body.kdf);
    const mode = options.registration ?? 'open';
    if (body.setupCode === undefined) {
      if (mode === 'closed') throw forbidden('registration_closed', 'This server takes no new accounts; ask whoever runs it.');
      if (mode === 'invite' && body.inviteCode === undefined) {
        throw forbidden('invite_required', 'This server takes new accounts by invite only; ask a server admin for an invite code.');
      }
    }
    const registered = await registerAccount(request.em.getKnex(), {
      username: body.username,
      kdf: body.kdf,
      authKeyHash: await hashAuthKey(decode32(body.authKeyB64, 'authKey')),
      encryptionPublicKey: decode32(body.encryptionPublicKeyB64, 'encryption public key'),
      signingPublicKey: decode32(body.signingPublicKeyB64, 'signing public key'),
      keyVault: Buffer.from(body.keyVaultB64, 'base64'),
    }, { inviteCode: body.inviteCode, setupCode: body.setupCode });
    switch (registered.outcome) {
      case 'username_taken': throw conflict('username_taken', 'That username is taken; choose another one.');
      case 'invalid_setup_code': throw badRequest('invalid_setup_code', 'That setup code is wrong, expired or used; the server prints a new one at its next start while it has no server admin.');
      case 'invalid_invite': throw badRequest('invalid_invite', registered.reason);
      case 'invite_username_mismatch': throw badRequest('invite_username_mismatch', 'That invite is for another username; register with the name you were invited as.');
      case 'created': break;
    }
    if (registered.serverAdmin) request.log.info({ username: body.username }, 'the setup code made the first server admin');
    return reply.status(201).send({ username: body.username });
  });

  app.get('/api/auth/prelogin', {
    config: { rateLimit },
    schema: { tags: ['auth'], summary: 'KDF parameters for a username (a stable fake for unknown names)', querystring: PreloginQuery, response: { 200: PreloginAnswer, ...errors } },
  }, async (request) => {
    const kdf = await findKdf(request.em, request.query.username);
    if (kdf) return { kdf };
    return { kdf: { ...DEFAULT_KDF, saltB64: fakeSaltFor(keys.preloginKey, request.query.username) } };
  });

  app.post('/api/auth/login', {
    config: { rateLimit },
    schema: { tags: ['auth'], summary: 'Sign in with the authKey', body: LoginBody, response: { 200: LoginAnswer, ...errors } },
  }, async (req) => {
    const user = await findAccount(req.em, req.body.username);
    // A deleted account has no hash: the decoy is checked, as for an unknown name.
    const hash = user && user.status !== 'deleted' ? user.authKeyHash : undefined;
    const ok = await verifyAuthKey(hash, Buffer.from(req.body.authKeyB64, 'base64'));
    if (!user || !ok) throw unauthorized('invalid_credentials', 'Wrong username or passphrase; check both and try again.');
    // Said only to whoever knows the passphrase.
    if (user.status !== 'active') throw accountDeactivated();
    return {
      ...(await issueTokens(req.em, user.username, newTokenFamily())),
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
    schema: { tags: ['auth'], summary: 'Trade a refresh token (spent) for new tokens; a spent one again ends its sign-in', body: RefreshBody, response: { 200: RefreshAnswer, ...errors } },
  }, async (req) => {
    const spent = await spendRefreshToken(req.em, req.body.refreshToken);
    if (spent.outcome === 'reused') {
      req.log.warn('a spent refresh token was presented again: its sign-in is ended');
      throw unauthorized('refresh_token_reused', 'This refresh token was used before, so a copy may be in other hands; the session is ended: sign in again with your passphrase.');
    }
    if (spent.outcome === 'invalid') throw unauthorized('invalid_refresh_token', 'The refresh token is revoked or expired; sign in again.');
    if ((await accountStatus(req.em.getKnex(), spent.username)) !== 'active') throw accountDeactivated();
    return issueTokens(req.em, spent.username, spent.familyId);
  });

  app.post('/api/auth/logout', {
    config: { rateLimit },
    schema: { tags: ['auth'], summary: 'Sign out: revoke a refresh token and every token of its sign-in (its access tokens too)', body: LogoutBody, response: { 204: { type: 'null' }, ...errors } },
  }, async (req, reply) => {
    if (await revokeRefreshToken(req.em, req.body.refreshToken)) await app.endedSignIns.reload();
    return reply.status(204).send(null);
  });

  // Signed in, and rate-limited like sign-in: the current authKey is a guess a stolen access token could try.
  app.put('/api/account/passphrase', {
    config: { rateLimit },
    onRequest: app.requireUser,
    schema: {
      tags: ['auth'], summary: 'Change the passphrase: new salt, authKey and sealed vault; every other sign-in ends', security,
      body: ChangePassphraseBody, response: { 200: ChangePassphraseAnswer, ...signedInErrors, 429: errors[429] },
    },
  }, async (req) => {
    const next = await passphraseReplacement(req.body);
    const currentAuthKey = decode32(req.body.currentAuthKeyB64, 'current authKey');
    const outcome = await changePassphrase(req.em, req.username, currentAuthKey, next);
    if (outcome === 'wrong_passphrase') throw wrongPassphrase();
    // This process refuses the other sign-ins' access tokens before answering; the others on their notice.
    await app.endedSignIns.reload();
    const seconds = options.accessTokenSeconds ?? ACCESS_TOKEN_SECONDS;
    return { accessToken: issueAccessToken(keys.jwtKey, req.username, next.familyId, seconds), refreshToken: next.refreshToken, expiresIn: seconds };
  });
};

export default authRoutes;
