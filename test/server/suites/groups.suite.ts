import assert from 'node:assert/strict';
import type { GroupList, GroupView } from '../../../common/api';
import { addMember, call, createGroup, errorCode, newGroupId, sealedKey, send, signUp } from '../support/api';
import type { Backend } from '../support/backends';

export function groupsSuite(backend: () => Backend): void {
  const app = () => backend().app;

  describe('groups', () => {
    it('creates a group (201) with the creator as admin holding generation 1', async () => {
      const alice = await signUp(app());
      const id = newGroupId();
      const key = sealedKey();
      const res = await call<GroupView>(app(), 'POST', '/api/groups/create', { token: alice.token, body: { id, name: ' Design ', encryptedGroupKeyB64: key } });
      assert.equal(res.status, 201);
      const view = res.json;
      assert.equal(view.id, id);
      assert.equal(view.name, 'Design');
      assert.equal(view.createdBy, alice.username);
      assert.equal(view.generation, 1);
      assert.equal(view.needsRotation, false);
      assert.equal(view.isAdmin, true);
      assert.deepEqual([view.lastSeq, view.readSeq, view.unread], [0, 0, 0]);
      assert.deepEqual(view.members.map((m) => [m.username, m.isAdmin]), [[alice.username, true]]);
      assert.deepEqual(view.keys, [{ generation: 1, encryptedGroupKeyB64: key, sealedBy: alice.username }]);
      assert.ok(!Number.isNaN(Date.parse(view.createdAt)));
    });

    it('refuses a second group with the same id (409 group_exists), even from someone else', async () => {
      const alice = await signUp(app());
      const bob = await signUp(app());
      const group = await createGroup(app(), alice);
      const res = await call(app(), 'POST', '/api/groups/create', { token: bob.token, body: { id: group.id, name: 'x', encryptedGroupKeyB64: sealedKey() } });
      assert.equal(res.status, 409);
      assert.equal(errorCode(res), 'group_exists');
    });

    it('refuses a second group of a name its creator is in already (409 group_name_taken) unless allowSameName', async () => {
      const alice = await signUp(app());
      const bob = await signUp(app());
      const first = await createGroup(app(), alice, 'launch');
      const again = () => ({ id: newGroupId(), name: ' Launch ', encryptedGroupKeyB64: sealedKey() });
      const refused = await call(app(), 'POST', '/api/groups/create', { token: alice.token, body: again() });
      assert.equal(refused.status, 409);
      assert.equal(errorCode(refused), 'group_name_taken');
      // Another person's group of that name is theirs, until they add you to it.
      assert.equal((await call(app(), 'POST', '/api/groups/create', { token: bob.token, body: again() })).status, 201);
      await addMember(app(), alice, first.id, bob.username);
      assert.equal((await call(app(), 'POST', '/api/groups/create', { token: bob.token, body: again() })).status, 409);
      const asked = await call<GroupView>(app(), 'POST', '/api/groups/create', { token: alice.token, body: { ...again(), allowSameName: true } });
      assert.equal(asked.status, 201);
      const mine = await call<GroupList>(app(), 'GET', '/api/groups', { token: alice.token });
      assert.deepEqual(mine.json.groups.map((g) => g.name).sort(), ['Launch', 'launch']);
    });

    it('refuses a bad id, an empty name or a missing key with 400, and no token with 401', async () => {
      const alice = await signUp(app());
      for (const body of [
        { id: 'not-a-uuid', name: 'x', encryptedGroupKeyB64: sealedKey() },
        { id: newGroupId().toUpperCase(), name: 'x', encryptedGroupKeyB64: sealedKey() },
        { id: newGroupId(), name: '   ', encryptedGroupKeyB64: sealedKey() },
        { id: newGroupId(), name: 'x' },
      ]) {
        const res = await call(app(), 'POST', '/api/groups/create', { token: alice.token, body });
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(errorCode(res), 'invalid_request');
      }
      const anonymous = await call(app(), 'POST', '/api/groups/create', { body: { id: newGroupId(), name: 'x', encryptedGroupKeyB64: sealedKey() } });
      assert.equal(anonymous.status, 401);
    });

    it('lists only the caller\'s groups, each with its own sealed keys only', async () => {
      const alice = await signUp(app());
      const bob = await signUp(app());
      const shared = await createGroup(app(), alice, 'shared');
      await createGroup(app(), alice, 'alice only');
      await addMember(app(), alice, shared.id, bob.username);
      const bobs = await call<GroupList>(app(), 'GET', '/api/groups', { token: bob.token });
      assert.equal(bobs.status, 200);
      assert.deepEqual(bobs.json.groups.map((g) => g.name), ['shared']);
      const view = bobs.json.groups[0] as GroupView;
      assert.equal(view.isAdmin, false);
      assert.equal(view.keys.length, 1);
      assert.equal(view.keys[0]?.sealedBy, alice.username);
      assert.notEqual(view.keys[0]?.encryptedGroupKeyB64, shared.keys[0]?.encryptedGroupKeyB64);
      assert.deepEqual(view.members.map((m) => m.username).sort(), [alice.username, bob.username].sort());
      const alices = await call<GroupList>(app(), 'GET', '/api/groups', { token: alice.token });
      assert.equal(alices.json.groups.length, 2);
    });

    it('shows one group to a member (200) and 404 to a stranger and for an unknown id', async () => {
      const alice = await signUp(app());
      const eve = await signUp(app());
      const group = await createGroup(app(), alice);
      assert.equal((await call(app(), 'GET', `/api/groups/${group.id}`, { token: alice.token })).status, 200);
      const stranger = await call(app(), 'GET', `/api/groups/${group.id}`, { token: eve.token });
      const unknown = await call(app(), 'GET', `/api/groups/${newGroupId()}`, { token: alice.token });
      assert.equal(stranger.status, 404);
      assert.deepEqual(stranger.json, unknown.json);
      assert.equal(errorCode(stranger), 'group_not_found');
      assert.equal((await call(app(), 'GET', '/api/groups/123', { token: alice.token })).status, 400);
    });

    it('counts unread messages from others and moves the read cursor forward only', async () => {
      const alice = await signUp(app());
      const bob = await signUp(app());
      const group = await createGroup(app(), alice);
      await addMember(app(), alice, group.id, bob.username);
      await send(app(), alice, group.id);
      await send(app(), alice, group.id);
      const third = await send(app(), alice, group.id);
      await send(app(), bob, group.id);
      const view = async (who: typeof alice) => (await call<GroupView>(app(), 'GET', `/api/groups/${group.id}`, { token: who.token })).json;
      assert.equal((await view(bob)).unread, 3);
      assert.equal((await view(alice)).unread, 1);

      const read = await call(app(), 'PUT', `/api/groups/${group.id}/read`, { token: bob.token, body: { seq: third.seq - 1 } });
      assert.equal(read.status, 204);
      assert.equal((await view(bob)).unread, 1);
      await call(app(), 'PUT', `/api/groups/${group.id}/read`, { token: bob.token, body: { seq: 1 } });
      assert.equal((await view(bob)).readSeq, third.seq - 1, 'the cursor never moves back');
      await call(app(), 'PUT', `/api/groups/${group.id}/read`, { token: bob.token, body: { seq: 10_000 } });
      const after = await view(bob);
      assert.equal(after.readSeq, after.lastSeq, 'the cursor stops at the last message');
      assert.equal(after.unread, 0);

      const eve = await signUp(app());
      assert.equal((await call(app(), 'PUT', `/api/groups/${group.id}/read`, { token: eve.token, body: { seq: 1 } })).status, 404);
      assert.equal((await call(app(), 'PUT', `/api/groups/${group.id}/read`, { token: bob.token, body: { seq: -1 } })).status, 400);
    });

    it('lets only an admin delete a group (403 for a member, 404 for a stranger), and takes every row with it', async () => {
      const alice = await signUp(app());
      const bob = await signUp(app());
      const eve = await signUp(app());
      const group = await createGroup(app(), alice);
      await addMember(app(), alice, group.id, bob.username);
      await send(app(), bob, group.id);

      const byMember = await call(app(), 'DELETE', `/api/groups/${group.id}`, { token: bob.token });
      assert.equal(byMember.status, 403);
      assert.equal(errorCode(byMember), 'not_admin');
      assert.equal((await call(app(), 'DELETE', `/api/groups/${group.id}`, { token: eve.token })).status, 404);

      const deleted = await call(app(), 'DELETE', `/api/groups/${group.id}`, { token: alice.token });
      assert.equal(deleted.status, 204);
      assert.equal((await call(app(), 'GET', `/api/groups/${group.id}`, { token: bob.token })).status, 404);
      const knex = app().orm.em.fork().getKnex();
      for (const table of ['groups', 'group_memberships', 'group_member_keys', 'group_messages']) {
        const column = table === 'groups' ? 'id' : 'group_id';
        const [row] = await knex(table).count('* as n').where({ [column]: group.id });
        assert.equal(Number(row?.n), 0, table);
      }
    });
  });
}
