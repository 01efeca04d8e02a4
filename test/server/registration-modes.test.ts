import assert from 'node:assert/strict';
import type { InviteListAnswer, ServerInfoAnswer } from '../../common/api';
import { setServerAdmin } from '../../server/store/server-admins';
import { prepareSetupCode } from '../../server/store/setup-code';
import { call, errorCode, uniqueName } from './support/api';
import { startBackend, type Backend, type BackendName } from './support/backends';
import { firstServerAdmin, invite, join, register, userExists } from './support/joining';

for (const name of ['postgresql', 'embedded'] as BackendName[]) {
  describe(`registration modes on ${name}`, function () {
    this.timeout(60_000);
    const started: Backend[] = [];
    const start = async (options: Parameters<typeof startBackend>[1]) => {
      const backend = await startBackend(name, options);
      started.push(backend);
      return backend.app;
    };
    after(async () => { await Promise.all(started.map((b) => b.close())); });

    it('open: anyone registers without an invite; the server says so', async () => {
      const app = await start({});
      assert.deepEqual((await call<ServerInfoAnswer>(app, 'GET', '/api/server')).json, { registration: 'open', setupPending: true, memberInvites: false, maxFileBytes: 25 * 1024 * 1024 });
      const res = await register(app, uniqueName()).answer;
      assert.equal(res.status, 201, res.body);
    });

    it('closed: refuses every registration (403 registration_closed), even with a valid invite; the setup code still works', async () => {
      const app = await start({ registration: 'closed' });
      const plain = uniqueName();
      const refused = await register(app, plain).answer;
      assert.equal(refused.status, 403);
      assert.equal(errorCode(refused), 'registration_closed');
      const { admin } = await firstServerAdmin(app);
      const made = await invite(app, admin);
      const withInvite = await register(app, plain, { inviteCode: made.code }).answer;
      assert.equal(withInvite.status, 403);
      assert.equal(errorCode(withInvite), 'registration_closed');
      assert.equal(await userExists(app, plain), false);
      const listed = await call<InviteListAnswer>(app, 'GET', '/api/admin/invites', { token: admin.token });
      assert.equal(listed.json.invites[0]?.uses, 0);
    });

    it('member invites: any member invites, and sees and revokes only their own', async () => {
      const app = await start({ memberInvites: true });
      assert.equal((await call<ServerInfoAnswer>(app, 'GET', '/api/server')).json.memberInvites, true);
      const { admin } = await firstServerAdmin(app);
      const alice = await join(app);
      const bob = await join(app);
      const byAlice = await invite(app, alice, { maxUses: 2 });
      const byAdmin = await invite(app, admin);
      const bobSees = await call<InviteListAnswer>(app, 'GET', '/api/admin/invites', { token: bob.token });
      assert.deepEqual(bobSees.json.invites, []);
      const aliceSees = await call<InviteListAnswer>(app, 'GET', '/api/admin/invites', { token: alice.token });
      assert.deepEqual(aliceSees.json.invites.map((i) => i.id), [byAlice.invite.id]);
      const adminSees = await call<InviteListAnswer>(app, 'GET', '/api/admin/invites', { token: admin.token });
      assert.deepEqual(adminSees.json.invites.map((i) => i.id).sort(), [byAlice.invite.id, byAdmin.invite.id].sort());
      const bobRevokes = await call(app, 'DELETE', `/api/admin/invites/${byAlice.invite.id}`, { token: bob.token });
      assert.equal(bobRevokes.status, 404);
      assert.equal(errorCode(bobRevokes), 'invite_not_found');
      assert.equal((await call(app, 'DELETE', `/api/admin/invites/${byAlice.invite.id}`, { token: alice.token })).status, 204);
      const granting = await call(app, 'POST', `/api/admin/users/${bob.username}/server-admin`, { token: alice.token });
      assert.equal(granting.status, 403, 'making server admins stays with server admins');
      assert.equal(errorCode(granting), 'not_server_admin');
    });

    it('processes racing at start make one setup code: the others are told it is live', async () => {
      const app = await start({});
      const knex = () => app.orm.em.fork().getKnex();
      const outcomes = await Promise.all([prepareSetupCode(knex()), prepareSetupCode(knex()), prepareSetupCode(knex())]);
      assert.deepEqual(outcomes.map((o) => o.kind).sort(), ['created', 'live', 'live']);
      assert.equal((await knex()('server_setup').select('id')).length, 1);
      // An expired code is replaced at the next start.
      await knex()('server_setup').update({ expires_at: knex().raw("now() - interval '1 second'") });
      const expired = outcomes.find((o) => o.kind === 'created');
      const next = await prepareSetupCode(knex());
      assert.equal(next.kind, 'created');
      if (expired?.kind !== 'created' || next.kind !== 'created') return;
      const stale = await register(app, uniqueName(), { setupCode: expired.code }).answer;
      assert.equal(stale.status, 400);
      assert.equal(errorCode(stale), 'invalid_setup_code');
      await join(app, { setupCode: next.code });
      assert.deepEqual(await prepareSetupCode(knex()), { kind: 'not_needed' });
    });

    it('a live setup code is dead once a server admin was made another way (on the host): it makes only the first', async () => {
      const app = await start({});
      const made = await prepareSetupCode(app.orm.em.fork().getKnex());
      assert.equal(made.kind, 'created');
      if (made.kind !== 'created') return;
      const host = await join(app, {});
      await setServerAdmin(app.orm.em.fork(), host.username, true);
      const late = uniqueName();
      const res = await register(app, late, { setupCode: made.code }).answer;
      assert.equal(res.status, 400);
      assert.equal(errorCode(res), 'invalid_setup_code');
      assert.equal(await userExists(app, late), false);
    });
  });
}
