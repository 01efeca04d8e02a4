import assert from 'node:assert/strict';
import type { ChangePassphraseAnswer, Kdf, LoginAnswer, PreloginAnswer } from '../../../common/api';
import { b64, call, errorCode, kdf, signUp, type Session } from '../support/api';
import type { Backend } from '../support/backends';

export function passphraseSuite(backend: () => Backend): void {
  const app = () => backend().app;
  const userRow = async (username: string) => {
    const [row] = await app().orm.em.fork().getKnex()('users').select('kdf', 'auth_key_hash', 'key_vault').where({ username });
    return row as { kdf: Kdf; auth_key_hash: string; key_vault: Buffer };
  };
  const change = (me: Session, body: Record<string, unknown>, token = me.token) =>
    call<ChangePassphraseAnswer>(app(), 'PUT', '/api/account/passphrase', { token, body });
  const newBody = (me: Session) => ({ currentAuthKeyB64: me.authKeyB64, kdf: kdf(), authKeyB64: b64(32), keyVaultB64: b64(120) });
  const login = (username: string, authKeyB64: string) => call<LoginAnswer>(app(), 'POST', '/api/auth/login', { body: { username, authKeyB64 } });
  const refresh = (refreshToken: string) => call(app(), 'POST', '/api/auth/refresh', { body: { refreshToken } });

  describe('change passphrase', () => {
    it('a wrong current authKey is refused (403 wrong_passphrase) and changes nothing', async () => {
      const me = await signUp(app());
      const before = await userRow(me.username);
      const res = await change(me, { ...newBody(me), currentAuthKeyB64: b64(32) });
      assert.equal(res.status, 403);
      assert.equal(errorCode(res), 'wrong_passphrase');
      assert.deepEqual(await userRow(me.username), before);
      assert.equal((await refresh(me.refreshToken)).status, 200, 'no session was ended');
      assert.equal((await login(me.username, me.authKeyB64)).status, 200);
    });

    it('replaces kdf, hash and vault, answers new tokens, and ends every other sign-in (401)', async () => {
      const me = await signUp(app());
      const otherDevice = await login(me.username, me.authKeyB64);
      const before = await userRow(me.username);
      const body = newBody(me);
      const res = await change(me, body);
      assert.equal(res.status, 200, res.body);
      const after = await userRow(me.username);
      assert.deepEqual(after.kdf, body.kdf);
      assert.notEqual(after.auth_key_hash, before.auth_key_hash);
      assert.equal(Buffer.from(after.key_vault).toString('base64'), body.keyVaultB64);
      const prelogin = await call<PreloginAnswer>(app(), 'GET', `/api/auth/prelogin?username=${me.username}`);
      assert.equal(prelogin.json.kdf.saltB64, body.kdf.saltB64);

      // The other device's access token is refused at once, not when it would expire (15 minutes), and so is the old one of this device.
      for (const token of [otherDevice.json.accessToken, me.token]) {
        const cut = await call(app(), 'GET', '/api/groups', { token });
        assert.equal(cut.status, 401);
        assert.equal(errorCode(cut), 'session_ended');
      }
      for (const token of [me.refreshToken, otherDevice.json.refreshToken]) {
        const refused = await refresh(token);
        assert.equal(refused.status, 401);
        assert.equal(errorCode(refused), 'invalid_refresh_token');
      }
      assert.equal((await refresh(res.json.refreshToken)).status, 200, 'the caller\'s new sign-in works');
      assert.equal((await call(app(), 'GET', '/api/groups', { token: res.json.accessToken })).status, 200);
      const old = await login(me.username, me.authKeyB64);
      assert.equal(old.status, 401, 'the old authKey signs in no more');
      const fresh = await login(me.username, body.authKeyB64);
      assert.equal(fresh.status, 200);
      assert.equal(fresh.json.user.keyVaultB64, body.keyVaultB64);
      assert.equal(fresh.json.user.encryptionPublicKeyB64, me.registered.encryptionPublicKeyB64, 'the identity keys stay');
    });

    it('refuses KDF parameters weaker than t=3, 64 MiB, p=4 (400 weak_kdf) and changes nothing', async () => {
      const me = await signUp(app());
      const before = await userRow(me.username);
      for (const weaker of [{ iterations: 2 }, { memoryKiB: 32768 }, { parallelism: 1 }, { iterations: 1, memoryKiB: 8 }, { saltB64: 'AAAAAAAAAAA=' }]) {
        const body = newBody(me);
        const res = await change(me, { ...body, kdf: { ...body.kdf, ...weaker } });
        assert.equal(res.status, 400, JSON.stringify(weaker));
        assert.equal(errorCode(res), 'weak_kdf');
      }
      assert.deepEqual(await userRow(me.username), before);
      assert.equal((await refresh(me.refreshToken)).status, 200);
    });

    it('needs a token (401) and a well-formed body (400 invalid_request)', async () => {
      const me = await signUp(app());
      const anonymous = await call(app(), 'PUT', '/api/account/passphrase', { body: newBody(me) });
      assert.equal(anonymous.status, 401);
      assert.equal(errorCode(anonymous), 'unauthorized');
      for (const body of [{ ...newBody(me), extra: 1 }, { ...newBody(me), authKeyB64: 'c2hvcnQ=' }, { ...newBody(me), keyVaultB64: undefined }]) {
        const res = await change(me, body);
        assert.equal(res.status, 400);
        assert.equal(errorCode(res), 'invalid_request');
      }
    });
  });
}
