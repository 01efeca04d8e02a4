import assert from 'node:assert/strict';
import type { AccountInfoAnswer, InviteListAnswer, InviteView, ServerInfoAnswer } from '../../common/api';
import { INVITE_CODE_PATTERN } from '../../common/api';
import { prepareSetupCode } from '../../server/store/setup-code';
import { call, errorCode, uniqueName, type Session } from './support/api';
import { startBackend, type Backend, type BackendName } from './support/backends';
import { firstServerAdmin, invite, join, register, userExists } from './support/joining';

for (const name of ['postgresql', 'embedded'] as BackendName[]) {
  describe(`invites and the setup code on ${name} (registration: invite)`, function () {
    this.timeout(60_000);
    let backend: Backend;
    let admin: Session;
    let setupCode: string;
    const app = () => backend.app;
    const knex = () => app().orm.em.fork().getKnex();
    const listed = async (id: string): Promise<InviteView> => {
      const res = await call<InviteListAnswer>(app(), 'GET', '/api/admin/invites', { token: admin.token });
      assert.equal(res.status, 200, res.body);
      const found = res.json.invites.find((i) => i.id === id);
      assert.ok(found, 'the invite is listed');
      return found;
    };

    before(async () => {
      backend = await startBackend(name, { registration: 'invite' });
      const info = await call<ServerInfoAnswer>(app(), 'GET', '/api/server');
      assert.deepEqual(info.json, { registration: 'invite', setupPending: true, memberInvites: false, maxFileBytes: 25 * 1024 * 1024 });
      ({ admin, setupCode } = await firstServerAdmin(app()));
    });
    after(async () => { await backend?.close(); });

    it('the setup code made the first server admin, once: a second use and a wrong code are refused, and no new code is made', async () => {
      const account = await call<AccountInfoAnswer>(app(), 'GET', '/api/account', { token: admin.token });
      assert.deepEqual(account.json, { username: admin.username, serverAdmin: true });
      assert.equal((await call<ServerInfoAnswer>(app(), 'GET', '/api/server')).json.setupPending, false);
      for (const code of [setupCode, `setup-${'A'.repeat(32)}`]) {
        const other = uniqueName();
        const res = await register(app(), other, { setupCode: code }).answer;
        assert.equal(res.status, 400);
        assert.equal(errorCode(res), 'invalid_setup_code');
        assert.equal(await userExists(app(), other), false);
      }
      assert.deepEqual(await prepareSetupCode(knex()), { kind: 'not_needed' });
      const [row] = await knex()('server_setup').select('code_hash', 'used_at');
      assert.notEqual(row.code_hash, setupCode);
      assert.ok(!String(row.code_hash).includes(setupCode.slice(6, 20)), 'only a hash is kept');
      assert.ok(row.used_at);
    });

    it('refuses registration without an invite (403 invite_required) and with a made-up one (400 invalid_invite), creating nothing', async () => {
      const username = uniqueName();
      const without = await register(app(), username).answer;
      assert.equal(without.status, 403);
      assert.equal(errorCode(without), 'invite_required');
      const madeUp = await register(app(), username, { inviteCode: 'x'.repeat(32) }).answer;
      assert.equal(madeUp.status, 400);
      assert.equal(errorCode(madeUp), 'invalid_invite');
      assert.equal(await userExists(app(), username), false);
    });

    it('a single-use invite registers one account; the second use is refused; the list says who used it', async () => {
      const made = await invite(app(), admin);
      assert.match(made.code, new RegExp(INVITE_CODE_PATTERN));
      assert.deepEqual([made.invite.maxUses, made.invite.uses, made.invite.revoked, made.invite.createdBy], [1, 0, false, admin.username]);
      const days = (Date.parse(made.invite.expiresAt) - Date.now()) / 86_400_000;
      assert.ok(days > 6.9 && days <= 7, `expires in 7 days (${days})`);
      const first = await join(app(), { inviteCode: made.code });
      const again = await register(app(), uniqueName(), { inviteCode: made.code }).answer;
      assert.equal(again.status, 400);
      assert.equal(errorCode(again), 'invalid_invite');
      assert.match((again.json as { message: string }).message, /used up/);
      const view = await listed(made.invite.id);
      assert.equal(view.uses, 1);
      assert.deepEqual(view.usedBy.map((u) => u.username), [first.username]);
      const account = await call<AccountInfoAnswer>(app(), 'GET', '/api/account', { token: first.token });
      assert.deepEqual(account.json, { username: first.username, serverAdmin: false });
    });

    it('a multi-use invite counts down, and refuses once used up', async () => {
      const made = await invite(app(), admin, { maxUses: 3 });
      for (let used = 1; used <= 3; used++) {
        await join(app(), { inviteCode: made.code });
        assert.equal((await listed(made.invite.id)).uses, used);
      }
      const fourth = await register(app(), uniqueName(), { inviteCode: made.code }).answer;
      assert.equal(fourth.status, 400);
      assert.equal(errorCode(fourth), 'invalid_invite');
      assert.equal((await listed(made.invite.id)).usedBy.length, 3);
    });

    it('an expired invite is refused (its expiry set back in the database)', async () => {
      const made = await invite(app(), admin, { maxUses: 5, expiresInSeconds: 3600 });
      await knex()('invites').where('id', made.invite.id).update({ expires_at: knex().raw("now() - interval '1 second'") });
      const res = await register(app(), uniqueName(), { inviteCode: made.code }).answer;
      assert.equal(res.status, 400);
      assert.equal(errorCode(res), 'invalid_invite');
      assert.match((res.json as { message: string }).message, /expired/);
      assert.equal((await listed(made.invite.id)).uses, 0);
    });

    it('a revoked invite is refused; revoking an unknown id is 404 invite_not_found', async () => {
      const made = await invite(app(), admin, { maxUses: 5 });
      const revoked = await call(app(), 'DELETE', `/api/admin/invites/${made.invite.id}`, { token: admin.token });
      assert.equal(revoked.status, 204);
      const res = await register(app(), uniqueName(), { inviteCode: made.code }).answer;
      assert.equal(res.status, 400);
      assert.equal(errorCode(res), 'invalid_invite');
      assert.match((res.json as { message: string }).message, /revoked/);
      assert.equal((await listed(made.invite.id)).revoked, true);
      const unknown = await call(app(), 'DELETE', '/api/admin/invites/00000000-0000-4000-8000-000000000000', { token: admin.token });
      assert.equal(unknown.status, 404);
      assert.equal(errorCode(unknown), 'invite_not_found');
    });

    it('an invite for a fixed username refuses another name (400 invite_username_mismatch) and spends nothing', async () => {
      const invited = uniqueName('carol');
      const made = await invite(app(), admin, { username: invited });
      assert.equal(made.invite.username, invited);
      const other = uniqueName('mallory');
      const res = await register(app(), other, { inviteCode: made.code }).answer;
      assert.equal(res.status, 400);
      assert.equal(errorCode(res), 'invite_username_mismatch');
      assert.equal(await userExists(app(), other), false);
      assert.equal((await listed(made.invite.id)).uses, 0);
      await join(app(), { inviteCode: made.code }, invited);
      assert.equal((await listed(made.invite.id)).uses, 1);
    });

    it('a taken username does not spend the invite', async () => {
      const made = await invite(app(), admin);
      const res = await register(app(), admin.username, { inviteCode: made.code }).answer;
      assert.equal(res.status, 409);
      assert.equal(errorCode(res), 'username_taken');
      assert.equal((await listed(made.invite.id)).uses, 0);
    });

    it('racing registrations on one single-use invite: exactly one account is made', async () => {
      const made = await invite(app(), admin);
      const names = Array.from({ length: 6 }, () => uniqueName('racer'));
      const answers = await Promise.all(names.map((n) => register(app(), n, { inviteCode: made.code }).answer));
      assert.deepEqual(answers.map((a) => a.status).sort(), [201, 400, 400, 400, 400, 400]);
      const made1 = await knex()('users').whereIn('username', names).select('username');
      assert.equal(made1.length, 1);
      const view = await listed(made.invite.id);
      assert.equal(view.uses, 1);
      assert.deepEqual(view.usedBy.map((u) => u.username), made1.map((r) => r.username));
    });

    it('a member is refused on every admin route (403 not_server_admin), and a stranger needs a token (401)', async () => {
      const member = await join(app(), { inviteCode: (await invite(app(), admin)).code });
      const someInvite = await invite(app(), admin);
      const routes: [method: 'GET' | 'POST' | 'DELETE', url: string, body?: object][] = [
        ['GET', '/api/admin/invites'], ['POST', '/api/admin/invites', {}], ['DELETE', `/api/admin/invites/${someInvite.invite.id}`],
        ['POST', `/api/admin/users/${member.username}/server-admin`], ['DELETE', `/api/admin/users/${admin.username}/server-admin`],
      ];
      for (const [method, url, body] of routes) {
        const res = await call(app(), method, url, { token: member.token, body });
        assert.equal(res.status, 403, `${method} ${url}`);
        assert.equal(errorCode(res), 'not_server_admin');
        assert.equal((await call(app(), method, url, { body })).status, 401, `${method} ${url} without a token`);
      }
      assert.equal((await listed(someInvite.invite.id)).revoked, false);
      assert.equal((await call<AccountInfoAnswer>(app(), 'GET', '/api/account', { token: member.token })).json.serverAdmin, false);
    });

    it('a server admin makes another one and takes it back, never from the last one (409 last_server_admin)', async () => {
      const member = await join(app(), { inviteCode: (await invite(app(), admin)).code });
      const granted = await call(app(), 'POST', `/api/admin/users/${member.username}/server-admin`, { token: admin.token });
      assert.deepEqual(granted.json, { username: member.username, serverAdmin: true });
      assert.equal((await call(app(), 'GET', '/api/admin/invites', { token: member.token })).status, 200, 'the new admin manages invites');
      const back = await call(app(), 'DELETE', `/api/admin/users/${member.username}/server-admin`, { token: admin.token });
      assert.deepEqual(back.json, { username: member.username, serverAdmin: false });
      assert.equal((await call(app(), 'GET', '/api/admin/invites', { token: member.token })).status, 403);
      const last = await call(app(), 'DELETE', `/api/admin/users/${admin.username}/server-admin`, { token: admin.token });
      assert.equal(last.status, 409);
      assert.equal(errorCode(last), 'last_server_admin');
      const nobody = await call(app(), 'POST', '/api/admin/users/nobody-here/server-admin', { token: admin.token });
      assert.equal(nobody.status, 404);
      assert.equal(errorCode(nobody), 'user_not_found');
    });

    it('a server admin is no group admin and reads nothing: a group they are not in is not found', async () => {
      const member = await join(app(), { inviteCode: (await invite(app(), admin)).code });
      const groupId = crypto.randomUUID();
      const made = await call(app(), 'POST', '/api/groups/create', { token: member.token, body: { id: groupId, name: 'private', encryptedGroupKeyB64: Buffer.alloc(100).toString('base64') } });
      assert.equal(made.status, 201, made.body);
      for (const url of [`/api/groups/${groupId}`, `/api/groups/${groupId}/messages`, `/api/groups/${groupId}/log`]) {
        const res = await call(app(), 'GET', url, { token: admin.token });
        assert.equal(res.status, 404, url);
      }
    });

    it('refuses bad invite bodies (400 invalid_request)', async () => {
      for (const body of [{ maxUses: 0 }, { maxUses: 1001 }, { expiresInSeconds: 10 }, { expiresInSeconds: 91 * 86_400 }, { username: 'Bad Name' }, { extra: 1 }]) {
        const res = await call(app(), 'POST', '/api/admin/invites', { token: admin.token, body });
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(errorCode(res), 'invalid_request');
      }
    });
  });
}
