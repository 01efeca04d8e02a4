import assert from 'node:assert/strict';
import type { LoginAnswer, RecoveryKeyStatus, RecoveryResetAnswer, RecoveryVaultAnswer } from '../../../common/api';
import { b64, call, errorCode, kdf, signUp, uniqueName, type Session } from '../support/api';
import type { Backend } from '../support/backends';

export function recoverySuite(backend: () => Backend): void {
  const app = () => backend().app;
  const rows = async (username: string) => {
    const knex = app().orm.em.fork().getKnex();
    const [user] = await knex('users').select('kdf', 'auth_key_hash', 'key_vault').where({ username });
    const recovery = await knex('recovery_keys').select('auth_key_hash', 'key_vault').where({ username });
    return { user, recovery };
  };
  const setKey = (me: Session, body: Record<string, unknown>) => call(app(), 'PUT', '/api/account/recovery', { token: me.token, body });
  const withKey = async () => {
    const me = await signUp(app());
    const key = { recoveryAuthKeyB64: b64(32), recoveryVaultB64: b64(145) };
    const res = await setKey(me, { currentAuthKeyB64: me.authKeyB64, ...key });
    assert.equal(res.status, 204, res.body);
    return { me, key };
  };
  const vault = (username: string, recoveryAuthKeyB64: string) =>
    call<RecoveryVaultAnswer>(app(), 'POST', '/api/auth/recovery/vault', { body: { username, recoveryAuthKeyB64 } });
  const reset = (username: string, recoveryAuthKeyB64: string) => {
    const body = { username, recoveryAuthKeyB64, kdf: kdf(), authKeyB64: b64(32), keyVaultB64: b64(145) };
    return call<RecoveryResetAnswer>(app(), 'POST', '/api/auth/recovery/reset', { body }).then((res) => ({ res, body }));
  };
  const refresh = (refreshToken: string) => call(app(), 'POST', '/api/auth/refresh', { body: { refreshToken } });
  const login = (username: string, authKeyB64: string) => call<LoginAnswer>(app(), 'POST', '/api/auth/login', { body: { username, authKeyB64 } });

  describe('recovery key', () => {
    it('is set with the current authKey and kept as given vault and a hash, never the auth key; status says so', async () => {
      const { me, key } = await withKey();
      const { recovery } = await rows(me.username);
      assert.equal(recovery.length, 1);
      assert.equal(Buffer.from(recovery[0].key_vault).toString('base64'), key.recoveryVaultB64);
      assert.notEqual(Buffer.from(recovery[0].auth_key_hash).toString('base64'), key.recoveryAuthKeyB64);
      assert.ok(!Buffer.from(recovery[0].auth_key_hash).includes(Buffer.from(key.recoveryAuthKeyB64, 'base64')));
      const status = await call<RecoveryKeyStatus>(app(), 'GET', '/api/account/recovery', { token: me.token });
      assert.equal(status.json.exists, true);
      assert.ok(status.json.createdAt);
      const other = await signUp(app());
      assert.deepEqual((await call<RecoveryKeyStatus>(app(), 'GET', '/api/account/recovery', { token: other.token })).json, { exists: false });
    });

    it('a wrong current authKey (403 wrong_passphrase) or no token (401) sets nothing', async () => {
      const me = await signUp(app());
      const res = await setKey(me, { currentAuthKeyB64: b64(32), recoveryAuthKeyB64: b64(32), recoveryVaultB64: b64(145) });
      assert.equal(res.status, 403);
      assert.equal(errorCode(res), 'wrong_passphrase');
      const anonymous = await call(app(), 'PUT', '/api/account/recovery', { body: { currentAuthKeyB64: me.authKeyB64, recoveryAuthKeyB64: b64(32), recoveryVaultB64: b64(145) } });
      assert.equal(anonymous.status, 401);
      assert.equal((await rows(me.username)).recovery.length, 0);
    });

    it('a new key replaces the old one: the old auth key gets no vault', async () => {
      const { me, key } = await withKey();
      const next = { recoveryAuthKeyB64: b64(32), recoveryVaultB64: b64(145) };
      assert.equal((await setKey(me, { currentAuthKeyB64: me.authKeyB64, ...next })).status, 204);
      assert.equal((await vault(me.username, key.recoveryAuthKeyB64)).status, 401);
      assert.equal((await vault(me.username, next.recoveryAuthKeyB64)).json.recoveryVaultB64, next.recoveryVaultB64);
    });

    it('gives the vault for the right auth key; a wrong key, a user without one and an unknown user get the same 401', async () => {
      const { me, key } = await withKey();
      const good = await vault(me.username, key.recoveryAuthKeyB64);
      assert.equal(good.status, 200);
      assert.equal(good.json.recoveryVaultB64, key.recoveryVaultB64);
      const noKey = await signUp(app());
      const answers = await Promise.all([vault(me.username, b64(32)), vault(noKey.username, b64(32)), vault(uniqueName('nobody'), b64(32))]);
      for (const res of answers) {
        assert.equal(res.status, 401);
        assert.deepEqual(res.json, answers[0]!.json, 'the three answers are the same');
      }
      assert.equal(errorCode(answers[0]!), 'invalid_recovery_key');
    });

    it('reset: new kdf, hash and vault, new tokens, every other sign-in ended, the recovery key still valid', async () => {
      const { me, key } = await withKey();
      const before = await rows(me.username);
      const { res, body } = await reset(me.username, key.recoveryAuthKeyB64);
      assert.equal(res.status, 200, res.body);
      const after = await rows(me.username);
      assert.deepEqual(after.user.kdf, body.kdf);
      assert.equal(Buffer.from(after.user.key_vault).toString('base64'), body.keyVaultB64);
      assert.deepEqual(after.recovery, before.recovery, 'the recovery key stays');
      assert.equal(errorCode(await refresh(me.refreshToken)), 'invalid_refresh_token');
      assert.equal((await refresh(res.json.refreshToken)).status, 200);
      assert.equal((await login(me.username, me.authKeyB64)).status, 401, 'the old passphrase signs in no more');
      assert.equal((await login(me.username, body.authKeyB64)).status, 200);
      assert.equal((await vault(me.username, key.recoveryAuthKeyB64)).status, 200);
    });

    it('reset with a wrong key or an unknown user: the same 401, nothing changed, nobody signed out', async () => {
      const { me } = await withKey();
      const before = await rows(me.username);
      const wrong = await reset(me.username, b64(32));
      const unknown = await reset(uniqueName('nobody'), b64(32));
      for (const { res } of [wrong, unknown]) {
        assert.equal(res.status, 401);
        assert.equal(errorCode(res), 'invalid_recovery_key');
      }
      assert.deepEqual(unknown.res.json, wrong.res.json);
      assert.deepEqual(await rows(me.username), before);
      assert.equal((await refresh(me.refreshToken)).status, 200);
    });

    it('reset refuses a weak kdf (400 weak_kdf) and changes nothing', async () => {
      const { me, key } = await withKey();
      const before = await rows(me.username);
      const body = { username: me.username, recoveryAuthKeyB64: key.recoveryAuthKeyB64, kdf: { ...kdf(), memoryKiB: 1024 }, authKeyB64: b64(32), keyVaultB64: b64(145) };
      const res = await call(app(), 'POST', '/api/auth/recovery/reset', { body });
      assert.equal(res.status, 400);
      assert.equal(errorCode(res), 'weak_kdf');
      assert.deepEqual(await rows(me.username), before);
    });

    it('is removed with the current authKey (then no vault for it), not with a wrong one', async () => {
      const { me, key } = await withKey();
      const remove = (currentAuthKeyB64: string) => call(app(), 'DELETE', '/api/account/recovery', { token: me.token, body: { currentAuthKeyB64 } });
      assert.equal(errorCode(await remove(b64(32))), 'wrong_passphrase');
      assert.equal((await vault(me.username, key.recoveryAuthKeyB64)).status, 200);
      assert.equal((await remove(me.authKeyB64)).status, 204);
      assert.equal((await vault(me.username, key.recoveryAuthKeyB64)).status, 401);
      assert.equal((await rows(me.username)).recovery.length, 0);
    });
  });
}
