import assert from 'node:assert/strict';
import jwt from 'jsonwebtoken';
import type { HealthAnswer, LoginAnswer, PreloginAnswer, PublicUserView, RefreshAnswer, RegisterAnswer } from '../../../common/api';
import { call, createGroup, errorCode, registerBody, signUp, uniqueName, type Method } from '../support/api';
import type { Backend } from '../support/backends';

export function authSuite(backend: () => Backend): void {
  const app = () => backend().app;

  describe('auth', () => {
    it('registers a user (201) and refuses the same name again (409 username_taken)', async () => {
      const body = registerBody(uniqueName());
      const first = await call<RegisterAnswer>(app(), 'POST', '/api/auth/register', { body });
      assert.equal(first.status, 201);
      assert.deepEqual(first.json, { username: body.username });
      const again = await call(app(), 'POST', '/api/auth/register', { body: registerBody(body.username) });
      assert.equal(again.status, 409);
      assert.equal(errorCode(again), 'username_taken');
    });

    it('refuses a bad username, a short authKey and a missing field with 400', async () => {
      for (const body of [
        registerBody('Bad Name'),
        { ...registerBody(uniqueName()), authKeyB64: 'c2hvcnQ=' },
        { ...registerBody(uniqueName()), keyVaultB64: undefined },
        { ...registerBody(uniqueName()), encryptionPublicKeyB64: 'not base64!' },
      ]) {
        const res = await call(app(), 'POST', '/api/auth/register', { body });
        assert.equal(res.status, 400, JSON.stringify(res.json));
        assert.equal(errorCode(res), 'invalid_request');
      }
    });

    it('refuses KDF parameters weaker than t=3, 64 MiB, p=4 (400 weak_kdf)', async () => {
      for (const weaker of [{ iterations: 2 }, { memoryKiB: 32768 }, { parallelism: 1 }, { saltB64: 'AAAAAAAAAAA=' }]) {
        const body = registerBody(uniqueName());
        const res = await call(app(), 'POST', '/api/auth/register', { body: { ...body, kdf: { ...body.kdf, ...weaker } } });
        assert.equal(res.status, 400);
        assert.equal(errorCode(res), 'weak_kdf');
      }
    });

    it('answers 413 to a body over the size limit', async () => {
      const body = { ...registerBody(uniqueName()), keyVaultB64: 'A'.repeat(1_100_000) };
      const res = await call(app(), 'POST', '/api/auth/register', { body });
      assert.equal(res.status, 413);
      assert.equal(errorCode(res), 'payload_too_large');
    });

    it('answers 400 with a JSON error to malformed JSON', async () => {
      const res = await app().inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
      assert.equal(res.statusCode, 400);
      assert.equal(errorCode({ status: res.statusCode, json: res.json<unknown>() }), 'invalid_request');
    });

    it('prelogin returns the stored KDF for a user and a stable fake one for a stranger', async () => {
      const body = registerBody(uniqueName());
      await call(app(), 'POST', '/api/auth/register', { body });
      const known = await call<PreloginAnswer>(app(), 'GET', `/api/auth/prelogin?username=${body.username}`);
      assert.equal(known.status, 200);
      assert.deepEqual(known.json.kdf, body.kdf);

      const stranger = uniqueName('nobody');
      const fake1 = await call<PreloginAnswer>(app(), 'GET', `/api/auth/prelogin?username=${stranger}`);
      const fake2 = await call<PreloginAnswer>(app(), 'GET', `/api/auth/prelogin?username=${stranger}`);
      const other = await call<PreloginAnswer>(app(), 'GET', `/api/auth/prelogin?username=${uniqueName('nobody')}`);
      assert.equal(fake1.status, 200);
      assert.deepEqual(fake1.json, fake2.json);
      assert.notEqual(fake1.json.kdf.saltB64, other.json.kdf.saltB64);
      assert.deepEqual(Object.keys(fake1.json.kdf).sort(), Object.keys(known.json.kdf).sort());
      assert.equal(Buffer.from(fake1.json.kdf.saltB64, 'base64').length, 16);
    });

    it('prelogin without a valid username is a 400', async () => {
      const res = await call(app(), 'GET', '/api/auth/prelogin');
      assert.equal(res.status, 400);
      assert.equal(errorCode(res), 'invalid_request');
    });

    it('logs in (200) with tokens and the account, and gives one 401 to a wrong key and an unknown user', async () => {
      const body = registerBody(uniqueName());
      await call(app(), 'POST', '/api/auth/register', { body });
      const ok = await call<LoginAnswer>(app(), 'POST', '/api/auth/login', { body: { username: body.username, authKeyB64: body.authKeyB64 } });
      assert.equal(ok.status, 200);
      assert.equal(ok.json.expiresIn, 900);
      assert.deepEqual(ok.json.user, {
        username: body.username, encryptionPublicKeyB64: body.encryptionPublicKeyB64,
        signingPublicKeyB64: body.signingPublicKeyB64, keyVaultB64: body.keyVaultB64,
      });
      const decoded = jwt.decode(ok.json.accessToken, { complete: true });
      assert.equal(decoded?.header.alg, 'HS256');
      assert.equal((decoded?.payload as jwt.JwtPayload).sub, body.username);

      const wrongKey = await call(app(), 'POST', '/api/auth/login', { body: { username: body.username, authKeyB64: registerBody('x1').authKeyB64 } });
      const unknown = await call(app(), 'POST', '/api/auth/login', { body: { username: uniqueName('ghost'), authKeyB64: body.authKeyB64 } });
      assert.equal(wrongKey.status, 401);
      assert.equal(unknown.status, 401);
      assert.deepEqual(wrongKey.json, unknown.json);
      assert.equal(errorCode(wrongKey), 'invalid_credentials');
    });

    it('refresh spends the refresh token once; logout revokes it', async () => {
      const me = await signUp(app());
      const first = await call<RefreshAnswer>(app(), 'POST', '/api/auth/refresh', { body: { refreshToken: me.refreshToken } });
      assert.equal(first.status, 200);
      assert.notEqual(first.json.refreshToken, me.refreshToken);
      const groups = await call(app(), 'GET', '/api/groups', { token: first.json.accessToken });
      assert.equal(groups.status, 200);

      const out = await call(app(), 'POST', '/api/auth/logout', { body: { refreshToken: first.json.refreshToken } });
      assert.equal(out.status, 204);
      const afterLogout = await call(app(), 'POST', '/api/auth/refresh', { body: { refreshToken: first.json.refreshToken } });
      assert.equal(afterLogout.status, 401);
      assert.equal(errorCode(afterLogout), 'invalid_refresh_token');
      const older = await call(app(), 'POST', '/api/auth/refresh', { body: { refreshToken: me.refreshToken } });
      assert.equal(errorCode(older), 'invalid_refresh_token', 'logout ends the whole sign-in, the spent tokens with it');
    });

    it('logout refuses the access tokens of that sign-in at once (401 session_ended); another sign-in goes on', async () => {
      const me = await signUp(app());
      const other = await call<LoginAnswer>(app(), 'POST', '/api/auth/login', { body: { username: me.username, authKeyB64: me.authKeyB64 } });
      assert.equal((await call(app(), 'POST', '/api/auth/logout', { body: { refreshToken: me.refreshToken } })).status, 204);
      const cut = await call(app(), 'GET', '/api/groups', { token: me.token });
      assert.equal(cut.status, 401);
      assert.equal(errorCode(cut), 'session_ended');
      assert.equal((await call(app(), 'GET', '/api/groups', { token: other.json.accessToken })).status, 200);
      assert.equal((await call(app(), 'POST', '/api/auth/logout', { body: { refreshToken: me.refreshToken } })).status, 204, 'again: nothing left to end');
    });

    it('a spent refresh token presented again ends its sign-in: every descendant is refused, other sign-ins go on', async () => {
      const me = await signUp(app());
      const otherDevice = await call<LoginAnswer>(app(), 'POST', '/api/auth/login', { body: { username: me.username, authKeyB64: me.authKeyB64 } });
      const refresh = (refreshToken: string) => call<RefreshAnswer>(app(), 'POST', '/api/auth/refresh', { body: { refreshToken } });
      const second = await refresh(me.refreshToken);
      const third = await refresh(second.json.refreshToken);
      assert.equal(third.status, 200);

      const replayed = await refresh(me.refreshToken);
      assert.equal(replayed.status, 401);
      assert.equal(errorCode(replayed), 'refresh_token_reused');
      const descendant = await refresh(third.json.refreshToken);
      assert.equal(descendant.status, 401);
      assert.equal(errorCode(descendant), 'refresh_token_reused', 'the newest token of the family is dead too');
      assert.equal(errorCode(await refresh(second.json.refreshToken)), 'refresh_token_reused');
      assert.equal((await refresh(otherDevice.json.refreshToken)).status, 200, 'another sign-in of the same user is not touched');
    });

    it('spends a refresh token once under concurrent refreshes', async () => {
      const me = await signUp(app());
      const answers = await Promise.all([1, 2, 3].map(() => call(app(), 'POST', '/api/auth/refresh', { body: { refreshToken: me.refreshToken } })));
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 401, 401]);
    });

    it('refuses missing, malformed, expired, foreign-key and alg:none tokens with 401', async () => {
      const me = await signUp(app());
      const key = app().serverKeys.jwtKey;
      const expired = jwt.sign({}, key, { algorithm: 'HS256', subject: me.username, issuer: 'teamchat', expiresIn: -10 });
      const foreign = jwt.sign({}, Buffer.alloc(32, 7), { algorithm: 'HS256', subject: me.username, issuer: 'teamchat', expiresIn: 600 });
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ sub: me.username, iss: 'teamchat', exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
      const algNone = `${header}.${payload}.`;
      const [h, , s] = me.token.split('.');
      const tampered = `${h}.${Buffer.from(JSON.stringify({ sub: 'someone-else', iss: 'teamchat', exp: 9999999999 })).toString('base64url')}.${s}`;

      const cases: [string, Record<string, string>, string][] = [
        ['missing', {}, 'unauthorized'],
        ['not bearer', { authorization: `Basic ${me.token}` }, 'unauthorized'],
        ['garbage', { authorization: 'Bearer not.a.jwt' }, 'unauthorized'],
        ['expired', { authorization: `Bearer ${expired}` }, 'token_expired'],
        ['foreign key', { authorization: `Bearer ${foreign}` }, 'unauthorized'],
        ['alg none', { authorization: `Bearer ${algNone}` }, 'unauthorized'],
        ['tampered payload', { authorization: `Bearer ${tampered}` }, 'unauthorized'],
      ];
      for (const [label, headers, code] of cases) {
        const res = await call(app(), 'GET', '/api/groups', { headers });
        assert.equal(res.status, 401, label);
        assert.equal(errorCode(res), code, label);
      }
    });

    it('guards every route but the auth ones: 401 without a token, 413 for an oversized body', async () => {
      const me = await signUp(app());
      const group = await createGroup(app(), me);
      const g = `/api/groups/${group.id}`;
      const routes: [Method, string, boolean][] = [
        ['GET', `/api/users/${me.username}`, false], ['POST', '/api/groups/create', true], ['GET', '/api/groups', false],
        ['GET', g, false], ['DELETE', g, false], ['POST', `${g}/members`, true], ['DELETE', `${g}/members/${me.username}`, true],
        ['POST', `${g}/rotate`, true], ['POST', `${g}/admins/${me.username}`, false], ['DELETE', `${g}/admins/${me.username}`, false],
        ['PUT', `${g}/read`, true], ['POST', `${g}/messages`, true], ['GET', `${g}/messages`, false],
      ];
      const oversized = { padding: 'A'.repeat(1_100_000) };
      for (const [method, url, hasBody] of routes) {
        const anonymous = await call(app(), method, url, hasBody ? { body: {} } : {});
        assert.equal(anonymous.status, 401, `${method} ${url}`);
        assert.equal(errorCode(anonymous), 'unauthorized');
        if (hasBody) {
          const tooLarge = await call(app(), method, url, { token: me.token, body: oversized });
          assert.equal(tooLarge.status, 413, `${method} ${url}`);
          assert.equal(errorCode(tooLarge), 'payload_too_large');
        }
      }
      assert.equal((await call(app(), 'GET', g, { token: me.token })).status, 200, 'nothing above changed the group');
    });

    it('answers health with the kind of database', async () => {
      const res = await call<HealthAnswer>(app(), 'GET', '/api/health');
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, { status: 'ok', database: backend().name });
    });

    it('answers an unknown route with a JSON 404 and sends security headers', async () => {
      const res = await call(app(), 'GET', '/api/nothing-here');
      assert.equal(res.status, 404);
      assert.equal(errorCode(res), 'not_found');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.ok(res.headers['content-security-policy']);
    });

    it('sends the same security headers on every answer, the policy without an upgrade to an https:// that is not there', async () => {
      const alice = await signUp(app());
      const page = await call(app(), 'GET', '/api/groups', { token: alice.token });
      const refused = await call(app(), 'GET', '/api/groups');
      for (const res of [page, refused]) {
        assert.equal(res.headers['content-security-policy'], "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';"
          + "frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline'");
        assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
        assert.equal(res.headers['referrer-policy'], 'no-referrer');
        assert.equal(res.headers['cross-origin-resource-policy'], 'same-origin');
      }
    });

    it('serves the OpenAPI document with every route of the contract', async () => {
      const res = await call<{ paths: Record<string, unknown> }>(app(), 'GET', '/docs/json');
      assert.equal(res.status, 200);
      const paths = Object.keys(res.json.paths);
      for (const path of [
        '/api/auth/register', '/api/auth/prelogin', '/api/auth/login', '/api/auth/refresh', '/api/auth/logout', '/api/health', '/api/account/passphrase',
        '/api/account/recovery', '/api/auth/recovery/vault', '/api/auth/recovery/reset',
        '/api/users/{username}', '/api/groups/create', '/api/groups/dm', '/api/groups', '/api/groups/{id}', '/api/groups/{id}/members',
        '/api/groups/{id}/members/{username}', '/api/groups/{id}/rotate', '/api/groups/{id}/admins/{username}',
        '/api/groups/{id}/name', '/api/groups/{id}/topic', '/api/groups/{id}/read', '/api/groups/{id}/messages',
        '/api/groups/{id}/files', '/api/groups/{id}/files/{fileId}', '/api/groups/{id}/files/{fileId}/chunks/{idx}',
        '/api/groups/{id}/files/{fileId}/complete', '/api/groups/{id}/files/{fileId}/content', '/api/account/files',
        '/api/server', '/api/account', '/api/admin/invites', '/api/admin/invites/{id}', '/api/admin/users/{username}/server-admin',
        '/api/admin/users', '/api/admin/users/{username}', '/api/admin/users/{username}/deactivate', '/api/admin/users/{username}/reactivate',
      ]) assert.ok(paths.includes(path), path);
      const html = await app().inject({ method: 'GET', url: '/docs/' });
      assert.equal(html.statusCode, 200);
      assert.match(html.body, /swagger/i);
    });
  });

  describe('users', () => {
    it('returns public keys (200), never the vault; 404 for an unknown user; 400 for a bad name', async () => {
      const me = await signUp(app());
      const other = await signUp(app());
      const res = await call<PublicUserView>(app(), 'GET', `/api/users/${other.username}`, { token: me.token });
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, {
        username: other.username,
        encryptionPublicKeyB64: other.registered.encryptionPublicKeyB64,
        signingPublicKeyB64: other.registered.signingPublicKeyB64,
      });
      const missing = await call(app(), 'GET', `/api/users/${uniqueName('ghost')}`, { token: me.token });
      assert.equal(missing.status, 404);
      assert.equal(errorCode(missing), 'user_not_found');
      const bad = await call(app(), 'GET', '/api/users/NO%20SUCH', { token: me.token });
      assert.equal(bad.status, 400);
      const anonymous = await call(app(), 'GET', `/api/users/${other.username}`);
      assert.equal(anonymous.status, 401);
    });
  });
}
