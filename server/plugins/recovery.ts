import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  RecoveryKeyStatus, RecoveryResetAnswer, RecoveryResetBody, RecoveryVaultAnswer, RecoveryVaultBody, RemoveRecoveryKeyBody, SetRecoveryKeyBody,
} from '../../common/api';
import { hashRecoveryAuthKey } from '../auth/recovery-auth-hash';
import { ACCESS_TOKEN_SECONDS, issueAccessToken } from '../auth/tokens';
import { accountDeactivated, unauthorized, wrongPassphrase } from '../http/errors';
import { decode32, passphraseReplacement } from '../http/new-passphrase';
import { errors as signedInErrors, security, signInErrors } from '../http/route-schema';
import { findRecoveryVault, recoveryKeyCreatedAt, removeRecoveryKey, resetWithRecoveryKey, setRecoveryKey } from '../store/recovery-keys';
import type { AuthRoutesOptions } from './auth-routes';

// One answer for an unknown user, a user without a recovery key and a wrong key, so it tells nobody which names exist.
const invalidRecoveryKey = () => unauthorized('invalid_recovery_key', 'Wrong username or recovery key; check both and try again.');

/**
 * The recovery key: set, replace or remove it while signed in (proven by the current
 * passphrase's authKey), and without the passphrase fetch the vault sealed under it and set a
 * new passphrase. Every route is rate-limited like sign-in.
 */
const recoveryRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const keys = app.serverKeys;
  const rateLimit = { max: options.rateLimit, timeWindow: '1 minute' };
  const signedIn = { ...signedInErrors, 429: signInErrors[429] };

  app.get('/api/account/recovery', {
    onRequest: app.requireUser,
    schema: { tags: ['auth'], summary: 'Whether this account has a recovery key', security, response: { 200: RecoveryKeyStatus, ...signedInErrors } },
  }, async (req) => {
    const createdAt = await recoveryKeyCreatedAt(req.em, req.username);
    return createdAt ? { exists: true, createdAt: createdAt.toISOString() } : { exists: false };
  });

  app.put('/api/account/recovery', {
    config: { rateLimit },
    onRequest: app.requireUser,
    schema: {
      tags: ['auth'], summary: 'Set or replace the recovery key: the vault sealed under it and a hash of its auth key', security,
      body: SetRecoveryKeyBody, response: { 204: { type: 'null' }, ...signedIn },
    },
  }, async (req, reply) => {
    const outcome = await setRecoveryKey(req.em, req.username, {
      currentAuthKey: decode32(req.body.currentAuthKeyB64, 'current authKey'),
      authKeyHash: hashRecoveryAuthKey(decode32(req.body.recoveryAuthKeyB64, 'recovery auth key')),
      keyVault: Buffer.from(req.body.recoveryVaultB64, 'base64'),
    });
    if (outcome === 'wrong_passphrase') throw wrongPassphrase();
    return reply.status(204).send(null);
  });

  app.delete('/api/account/recovery', {
    config: { rateLimit },
    onRequest: app.requireUser,
    schema: { tags: ['auth'], summary: 'Remove the recovery key', security, body: RemoveRecoveryKeyBody, response: { 204: { type: 'null' }, ...signedIn } },
  }, async (req, reply) => {
    const outcome = await removeRecoveryKey(req.em, req.username, decode32(req.body.currentAuthKeyB64, 'current authKey'));
    if (outcome === 'wrong_passphrase') throw wrongPassphrase();
    return reply.status(204).send(null);
  });

  app.post('/api/auth/recovery/vault', {
    config: { rateLimit },
    schema: { tags: ['auth'], summary: 'The key vault sealed under the recovery key, for its auth key', body: RecoveryVaultBody, response: { 200: RecoveryVaultAnswer, ...signInErrors } },
  }, async (req) => {
    const vault = await findRecoveryVault(req.em, req.body.username, decode32(req.body.recoveryAuthKeyB64, 'recovery auth key'));
    if (!vault) throw invalidRecoveryKey();
    return { recoveryVaultB64: vault.toString('base64') };
  });

  app.post('/api/auth/recovery/reset', {
    config: { rateLimit },
    schema: {
      tags: ['auth'], summary: 'Set a new passphrase with the recovery key; every other sign-in ends',
      body: RecoveryResetBody, response: { 200: RecoveryResetAnswer, ...signInErrors },
    },
  }, async (req) => {
    const body = req.body;
    const next = await passphraseReplacement(body);
    const recoveryAuthKey = decode32(body.recoveryAuthKeyB64, 'recovery auth key');
    const outcome = await resetWithRecoveryKey(req.em, body.username, recoveryAuthKey, next);
    if (outcome === 'invalid') throw invalidRecoveryKey();
    if (outcome === 'deactivated') throw accountDeactivated();
    // This process refuses the other sign-ins' access tokens before answering; the others on their notice.
    await app.endedSignIns.reload();
    req.log.info({ username: body.username }, 'a passphrase was reset with the recovery key: every other sign-in is ended');
    const seconds = options.accessTokenSeconds ?? ACCESS_TOKEN_SECONDS;
    return { accessToken: issueAccessToken(keys.jwtKey, body.username, next.familyId, seconds), refreshToken: next.refreshToken, expiresIn: seconds };
  });
};

export default recoveryRoutes;
