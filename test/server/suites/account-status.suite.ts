import assert from 'node:assert/strict';
import type { AccountStatusAnswer, AdminUserList, GroupView, PreloginAnswer, PublicUserView, RefreshAnswer } from '../../../common/api';
import { CLOSE_ACCOUNT_DEACTIVATED } from '../../../common/api';
import { setServerAdmin } from '../../../server/store/server-admins';
import { addMember, b64, call, createGroup, errorCode, kdf, registerBody, signUp, type Session } from '../support/api';
import type { Backend } from '../support/backends';
import { EventClient } from '../support/events';

export function accountStatusSuite(backend: () => Backend): void {
  const app = () => backend().app;
  const eventsUrl = () => `${backend().url.replace('http', 'ws')}/api/events`;
  const admin = async () => {
    const me = await signUp(app());
    await setServerAdmin(app().orm.em.fork(), me.username, true);
    return me;
  };
  const act = (who: Session, action: 'deactivate' | 'reactivate' | 'delete', username: string) => action === 'delete'
    ? call<AccountStatusAnswer>(app(), 'DELETE', `/api/admin/users/${username}`, { token: who.token })
    : call<AccountStatusAnswer>(app(), 'POST', `/api/admin/users/${username}/${action}`, { token: who.token });
  const login = (me: Session) => call(app(), 'POST', '/api/auth/login', { body: { username: me.username, authKeyB64: me.authKeyB64 } });
  const refresh = (refreshToken: string) => call<RefreshAnswer>(app(), 'POST', '/api/auth/refresh', { body: { refreshToken } });
  const groups = (me: Session) => call(app(), 'GET', '/api/groups', { token: me.token });

  describe('accounts (server admin)', () => {
    it('are managed by server admins only (403 not_server_admin), need a token (401), and name an account that exists (404)', async () => {
      const boss = await admin();
      const someone = await signUp(app());
      const victim = await signUp(app());
      for (const res of [
        await act(someone, 'deactivate', victim.username), await act(someone, 'reactivate', victim.username), await act(someone, 'delete', victim.username),
        await call(app(), 'GET', '/api/admin/users', { token: someone.token }),
      ]) {
        assert.equal(res.status, 403);
        assert.equal(errorCode(res), 'not_server_admin');
      }
      assert.equal((await groups(victim)).status, 200, 'nothing was done to the account');
      const anonymous = await call(app(), 'POST', `/api/admin/users/${victim.username}/deactivate`);
      assert.equal(anonymous.status, 401);
      for (const action of ['deactivate', 'reactivate', 'delete'] as const) {
        const missing = await act(boss, action, 'nobody-such');
        assert.equal(missing.status, 404, action);
        assert.equal(errorCode(missing), 'user_not_found');
      }
      const bad = await act(boss, 'deactivate', 'Not A Name');
      assert.equal(bad.status, 400);
      assert.equal(errorCode(bad), 'invalid_request');
    });

    it('deactivation ends the sign-in at once: the next request is 401, the socket closes with 4403, sign-in and refresh are refused', async () => {
      const boss = await admin();
      const bob = await signUp(app());
      const alice = await signUp(app());
      const group = await createGroup(app(), alice, 'leavers');
      await addMember(app(), alice, group.id, bob.username);
      const prelogin = await call<PreloginAnswer>(app(), 'GET', `/api/auth/prelogin?username=${bob.username}`);
      const bobSocket = await EventClient.connect(eventsUrl(), bob.token);
      const aliceSocket = await EventClient.connect(eventsUrl(), alice.token);

      const started = Date.now();
      const res = await act(boss, 'deactivate', bob.username);
      assert.equal(res.status, 200, res.body);
      assert.deepEqual(res.json, { username: bob.username, status: 'deactivated', groups: 1 });
      const refused = await groups(bob);
      assert.equal(refused.status, 401);
      assert.equal(errorCode(refused), 'account_deactivated');
      const closed = await bobSocket.closed;
      assert.equal(closed.code, CLOSE_ACCOUNT_DEACTIVATED);
      assert.ok(Date.now() - started < 1000, `the socket closed ${Date.now() - started} ms after the request`);

      for (const answer of [await login(bob), await refresh(bob.refreshToken)]) {
        assert.equal(answer.status, 403);
        assert.equal(errorCode(answer), 'account_deactivated');
      }
      const again = await EventClient.open(eventsUrl(), { type: 'auth', token: bob.token });
      assert.equal((await again.closed).code, CLOSE_ACCOUNT_DEACTIVATED);
      // Prelogin answers as before: the status is told only to whoever proves the passphrase.
      assert.deepEqual((await call(app(), 'GET', `/api/auth/prelogin?username=${bob.username}`)).json, prelogin.json);

      // His co-members hear of it, and the member list marks him; the group is as it was.
      await aliceSocket.next((f) => f.type === 'member' && f.action === 'deactivated' && f.username === bob.username && f.groupId === group.id);
      const view = await call<GroupView>(app(), 'GET', `/api/groups/${group.id}`, { token: alice.token });
      assert.deepEqual(view.json.members.map((m) => [m.username, m.accountStatus]), [[alice.username, undefined], [bob.username, 'deactivated']]);
      const listed = await call<AdminUserList>(app(), 'GET', '/api/admin/users', { token: boss.token });
      const row = listed.json.users.find((u) => u.username === bob.username);
      assert.deepEqual(row && { ...row, createdAt: typeof row.createdAt }, { username: bob.username, serverAdmin: false, status: 'deactivated', createdAt: 'string' });
      assert.equal(listed.json.users.find((u) => u.username === boss.username)?.serverAdmin, true);
      aliceSocket.close();
    });

    it('reactivation lets him sign in again with his passphrase; the sign-ins deactivation ended stay ended', async () => {
      const boss = await admin();
      const bob = await signUp(app());
      assert.equal((await act(boss, 'deactivate', bob.username)).status, 200);
      const res = await act(boss, 'reactivate', bob.username);
      assert.equal(res.status, 200, res.body);
      assert.equal(res.json.status, 'active');
      const old = await groups(bob);
      assert.equal(old.status, 401);
      assert.equal(errorCode(old), 'session_ended');
      assert.equal(errorCode(await refresh(bob.refreshToken)), 'invalid_refresh_token');
      const fresh = await login(bob);
      assert.equal(fresh.status, 200);
      assert.equal((await groups({ ...bob, token: (fresh.json as { accessToken: string }).accessToken })).status, 200);
    });

    it('nobody adds a deactivated or deleted account to a group (409 account_inactive, nothing added); reactivated, he can be', async () => {
      const boss = await admin();
      const alice = await signUp(app());
      const bob = await signUp(app());
      const carol = await signUp(app());
      const group = await createGroup(app(), alice, 'joiners');
      assert.equal((await act(boss, 'deactivate', bob.username)).status, 200);
      assert.equal((await act(boss, 'delete', carol.username)).status, 200);
      for (const who of [bob, carol]) {
        const res = await call(app(), 'POST', `/api/groups/${group.id}/members`, {
          token: alice.token, body: { username: who.username, keys: [{ generation: 1, encryptedGroupKeyB64: b64(48) }] },
        });
        assert.equal(res.status, 409, res.body);
        assert.equal(errorCode(res), 'account_inactive');
      }
      const members = await call<GroupView>(app(), 'GET', `/api/groups/${group.id}`, { token: alice.token });
      assert.deepEqual(members.json.members.map((m) => m.username), [alice.username]);
      assert.equal((await act(boss, 'reactivate', bob.username)).status, 200);
      assert.equal((await addMember(app(), alice, group.id, bob.username)).username, bob.username);
    });

    it('deletion drops vault, hash and tokens for good; the name stays taken and the public keys stay readable', async () => {
      const boss = await admin();
      const bob = await signUp(app());
      const alice = await signUp(app());
      const prelogin = await call<PreloginAnswer>(app(), 'GET', `/api/auth/prelogin?username=${bob.username}`);
      const res = await act(boss, 'delete', bob.username);
      assert.equal(res.status, 200, res.body);
      assert.equal(res.json.status, 'deleted');
      assert.equal(errorCode(await groups(bob)), 'account_deactivated');
      const signIn = await login(bob);
      assert.equal(signIn.status, 401);
      assert.equal(errorCode(signIn), 'invalid_credentials', 'answered as a wrong passphrase: there is none to check');
      assert.equal(errorCode(await refresh(bob.refreshToken)), 'invalid_refresh_token');
      const knex = app().orm.em.fork().getKnex();
      const [row] = await knex('users').select('auth_key_hash', 'key_vault', 'signing_public_key').where({ username: bob.username });
      assert.equal(row.auth_key_hash, '');
      assert.equal(Buffer.from(row.key_vault).length, 0);
      assert.equal((await knex('refresh_tokens').where({ username: bob.username })).length, 0);
      const fakeSalt = await call<PreloginAnswer>(app(), 'GET', `/api/auth/prelogin?username=${bob.username}`);
      assert.notEqual(fakeSalt.json.kdf.saltB64, prelogin.json.kdf.saltB64, 'answered as for an unknown name');

      const again = await call(app(), 'POST', '/api/auth/register', { body: registerBody(bob.username) });
      assert.equal(again.status, 409);
      assert.equal(errorCode(again), 'username_taken');
      const keys = await call<PublicUserView>(app(), 'GET', `/api/users/${bob.username}`, { token: alice.token });
      assert.equal(keys.status, 200);
      assert.equal(keys.json.signingPublicKeyB64, bob.registered.signingPublicKeyB64);
      const back = await act(boss, 'reactivate', bob.username);
      assert.equal(back.status, 409);
      assert.equal(errorCode(back), 'account_deleted');
      assert.equal((await act(boss, 'deactivate', bob.username)).status, 409);
    });

    it('the recovery key is no way around it: a deactivated account cannot reset its passphrase with it, a deleted one has none left', async () => {
      const boss = await admin();
      const bob = await signUp(app());
      const recoveryAuthKeyB64 = b64(32);
      const set = await call(app(), 'PUT', '/api/account/recovery', { token: bob.token, body: { currentAuthKeyB64: bob.authKeyB64, recoveryAuthKeyB64, recoveryVaultB64: b64(145) } });
      assert.equal(set.status, 204, set.body);
      assert.equal((await act(boss, 'deactivate', bob.username)).status, 200);
      const knex = app().orm.em.fork().getKnex();
      const before = await knex('users').select('kdf', 'auth_key_hash', 'key_vault').where({ username: bob.username });
      const body = { username: bob.username, recoveryAuthKeyB64, kdf: kdf(), authKeyB64: b64(32), keyVaultB64: b64(145) };
      const wrongKey = await call(app(), 'POST', '/api/auth/recovery/reset', { body: { ...body, recoveryAuthKeyB64: b64(32) } });
      assert.equal(errorCode(wrongKey), 'invalid_recovery_key', 'the status is told only to whoever holds the key');
      const refused = await call(app(), 'POST', '/api/auth/recovery/reset', { body });
      assert.equal(refused.status, 403);
      assert.equal(errorCode(refused), 'account_deactivated');
      assert.deepEqual(await knex('users').select('kdf', 'auth_key_hash', 'key_vault').where({ username: bob.username }), before, 'nothing changed');

      assert.equal((await act(boss, 'delete', bob.username)).status, 200);
      assert.equal((await knex('recovery_keys').where({ username: bob.username })).length, 0);
      const vault = await call(app(), 'POST', '/api/auth/recovery/vault', { body: { username: bob.username, recoveryAuthKeyB64 } });
      assert.equal(errorCode(vault), 'invalid_recovery_key');
    });

    it('the last active server admin cannot deactivate or delete themself (409 last_server_admin)', async () => {
      const knex = app().orm.em.fork().getKnex();
      // Alone among server admins on this database.
      await knex('users').update({ server_admin: false });
      const boss = await admin();
      for (const action of ['deactivate', 'delete'] as const) {
        const res = await act(boss, action, boss.username);
        assert.equal(res.status, 409, action);
        assert.equal(errorCode(res), 'last_server_admin');
      }
      assert.equal((await groups(boss)).status, 200);
      const second = await admin();
      assert.equal((await act(second, 'deactivate', boss.username)).status, 200);
      assert.equal(errorCode(await act(second, 'deactivate', second.username)), 'last_server_admin');
    });

    it('two last server admins deactivating each other at once: one goes, the other is refused, none fails', async () => {
      await app().orm.em.fork().getKnex()('users').update({ server_admin: false });
      const [one, two] = [await admin(), await admin()];
      const answers = await Promise.all([act(one, 'deactivate', two.username), act(two, 'deactivate', one.username)]);
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 409]);
      assert.equal(errorCode(answers.find((a) => a.status === 409)!), 'last_server_admin');
    });
  });
}
