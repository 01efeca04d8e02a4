import assert from 'node:assert/strict';
import type { GroupView, MemberView, RemoveMemberAnswer, RotateAnswer } from '../../../common/api';
import { addMember, call, createGroup, errorCode, post, sealedKey, signUp, uniqueName, type Session } from '../support/api';
import type { Backend } from '../support/backends';

export function membersSuite(backend: () => Backend): void {
  const app = () => backend().app;
  const groupOf = async (who: Session, id: string) => (await call<GroupView>(app(), 'GET', `/api/groups/${id}`, { token: who.token })).json;
  const rotation = (generation: number, members: Session[]) => ({
    generation, keys: members.map((m) => ({ username: m.username, encryptedGroupKeyB64: sealedKey() })),
  });

  describe('members', () => {
    it('lets an admin add a member with current and older generations (201)', async () => {
      const [alice, bob, carol] = [await signUp(app()), await signUp(app()), await signUp(app())];
      const group = await createGroup(app(), alice);
      await addMember(app(), alice, group.id, bob.username);
      const rotated = await call(app(), 'POST', `/api/groups/${group.id}/rotate`, { token: alice.token, body: rotation(2, [alice, bob]) });
      assert.equal(rotated.status, 200);
      const res = await call<MemberView>(app(), 'POST', `/api/groups/${group.id}/members`, {
        token: alice.token,
        body: { username: carol.username, keys: [{ generation: 1, encryptedGroupKeyB64: sealedKey() }, { generation: 2, encryptedGroupKeyB64: sealedKey() }] },
      });
      assert.equal(res.status, 201);
      assert.equal(res.json.username, carol.username);
      assert.equal(res.json.isAdmin, false);
      assert.deepEqual((await groupOf(carol, group.id)).keys.map((k) => k.generation), [1, 2]);
    });

    it('refuses: a non-admin (403), an unknown user (404), a member twice (409), a missing current generation (409)', async () => {
      const [alice, bob, carol] = [await signUp(app()), await signUp(app()), await signUp(app())];
      const group = await createGroup(app(), alice);
      await addMember(app(), alice, group.id, bob.username);
      const byMember = await call(app(), 'POST', `/api/groups/${group.id}/members`, { token: bob.token, body: { username: carol.username, keys: [{ generation: 1, encryptedGroupKeyB64: sealedKey() }] } });
      assert.equal(byMember.status, 403);
      assert.equal(errorCode(byMember), 'not_admin');
      const unknown = await call(app(), 'POST', `/api/groups/${group.id}/members`, { token: alice.token, body: { username: uniqueName('ghost'), keys: [{ generation: 1, encryptedGroupKeyB64: sealedKey() }] } });
      assert.equal(unknown.status, 404);
      assert.equal(errorCode(unknown), 'user_not_found');
      const twice = await call(app(), 'POST', `/api/groups/${group.id}/members`, { token: alice.token, body: { username: bob.username, keys: [{ generation: 1, encryptedGroupKeyB64: sealedKey() }] } });
      assert.equal(twice.status, 409);
      assert.equal(errorCode(twice), 'already_member');
      const stale = await call(app(), 'POST', `/api/groups/${group.id}/members`, { token: alice.token, body: { username: carol.username, keys: [{ generation: 2, encryptedGroupKeyB64: sealedKey() }] } });
      assert.equal(stale.status, 409);
      assert.equal(errorCode(stale), 'generation_stale');
      const noKeys = await call(app(), 'POST', `/api/groups/${group.id}/members`, { token: alice.token, body: { username: carol.username, keys: [] } });
      assert.equal(noKeys.status, 400);
      const stranger = await call(app(), 'POST', `/api/groups/${group.id}/members`, { token: carol.token, body: { username: carol.username, keys: [{ generation: 1, encryptedGroupKeyB64: sealedKey() }] } });
      assert.equal(stranger.status, 404);
    });

    it('removes a member and rotates in one step; the removed member sees nothing more', async () => {
      const [alice, bob, carol] = [await signUp(app()), await signUp(app()), await signUp(app())];
      const group = await createGroup(app(), alice);
      await addMember(app(), alice, group.id, bob.username);
      await addMember(app(), alice, group.id, carol.username);
      const res = await call<RemoveMemberAnswer>(app(), 'DELETE', `/api/groups/${group.id}/members/${carol.username}`, { token: alice.token, body: { rotation: rotation(2, [alice, bob]) } });
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, { generation: 2, needsRotation: false });
      const bobsView = await groupOf(bob, group.id);
      assert.equal(bobsView.generation, 2);
      assert.deepEqual(bobsView.keys.map((k) => k.generation), [1, 2]);
      assert.deepEqual(bobsView.members.map((m) => m.username).sort(), [alice.username, bob.username].sort());
      assert.equal((await call(app(), 'GET', `/api/groups/${group.id}`, { token: carol.token })).status, 404);
      assert.equal((await call(app(), 'GET', `/api/groups/${group.id}/messages`, { token: carol.token })).status, 404);
      const [row] = await app().orm.em.fork().getKnex()('group_member_keys').count('* as n').where({ group_id: group.id, username: carol.username });
      assert.equal(Number(row?.n), 0, "the removed member's sealed keys are gone");
    });

    it('refuses a removal rotation that is not g+1 or not for exactly the remaining members (409), leaving everything as it was', async () => {
      const [alice, bob, carol] = [await signUp(app()), await signUp(app()), await signUp(app())];
      const group = await createGroup(app(), alice);
      await addMember(app(), alice, group.id, bob.username);
      await addMember(app(), alice, group.id, carol.username);
      const url = `/api/groups/${group.id}/members/${carol.username}`;
      const wrongGen = await call(app(), 'DELETE', url, { token: alice.token, body: { rotation: rotation(3, [alice, bob]) } });
      assert.equal(wrongGen.status, 409);
      assert.equal(errorCode(wrongGen), 'generation_conflict');
      const withRemoved = await call(app(), 'DELETE', url, { token: alice.token, body: { rotation: rotation(2, [alice, bob, carol]) } });
      assert.equal(withRemoved.status, 409);
      assert.equal(errorCode(withRemoved), 'members_changed');
      const missingOne = await call(app(), 'DELETE', url, { token: alice.token, body: { rotation: rotation(2, [alice]) } });
      assert.equal(errorCode(missingOne), 'members_changed');
      const view = await groupOf(alice, group.id);
      assert.equal(view.members.length, 3);
      assert.equal(view.generation, 1);
      const byMember = await call(app(), 'DELETE', `/api/groups/${group.id}/members/${alice.username}`, { token: bob.token });
      assert.equal(byMember.status, 403);
      const notMember = await call(app(), 'DELETE', `/api/groups/${group.id}/members/${uniqueName('ghost')}`, { token: alice.token });
      assert.equal(notMember.status, 404);
      assert.equal(errorCode(notMember), 'member_not_found');
    });

    it('a leave marks the group as needing rotation; sends are refused until a member rotates', async () => {
      const [alice, bob, carol] = [await signUp(app()), await signUp(app()), await signUp(app())];
      const group = await createGroup(app(), alice);
      await addMember(app(), alice, group.id, bob.username);
      await addMember(app(), alice, group.id, carol.username);
      const leaverRotates = await call(app(), 'DELETE', `/api/groups/${group.id}/members/${carol.username}`, { token: carol.token, body: { rotation: rotation(2, [alice, bob]) } });
      assert.equal(leaverRotates.status, 400);
      const left = await call<RemoveMemberAnswer>(app(), 'DELETE', `/api/groups/${group.id}/members/${carol.username}`, { token: carol.token });
      assert.equal(left.status, 200);
      assert.deepEqual(left.json, { generation: 1, needsRotation: true });
      assert.equal((await groupOf(bob, group.id)).needsRotation, true);

      const blocked = await post(app(), bob, group.id, 1);
      assert.equal(blocked.status, 409);
      assert.equal(errorCode(blocked), 'needs_rotation');

      const stale = await call(app(), 'POST', `/api/groups/${group.id}/rotate`, { token: bob.token, body: rotation(3, [alice, bob]) });
      assert.equal(errorCode(stale), 'generation_conflict');
      const withLeaver = await call(app(), 'POST', `/api/groups/${group.id}/rotate`, { token: bob.token, body: rotation(2, [alice, bob, carol]) });
      assert.equal(errorCode(withLeaver), 'members_changed');
      const rotated = await call<RotateAnswer>(app(), 'POST', `/api/groups/${group.id}/rotate`, { token: bob.token, body: rotation(2, [alice, bob]) });
      assert.equal(rotated.status, 200);
      assert.deepEqual(rotated.json, { generation: 2 });
      const view = await groupOf(alice, group.id);
      assert.equal(view.needsRotation, false);
      assert.equal(view.keys.find((k) => k.generation === 2)?.sealedBy, bob.username);
      assert.equal((await post(app(), bob, group.id, 1)).status, 409);
      assert.equal((await post(app(), bob, group.id, 2)).status, 201);
      assert.equal((await call(app(), 'POST', `/api/groups/${group.id}/rotate`, { token: carol.token, body: rotation(3, [alice, bob]) })).status, 404);
    });

    it('promotes and demotes admins; the last admin can neither be demoted nor leave while others stay', async () => {
      const [alice, bob] = [await signUp(app()), await signUp(app())];
      const group = await createGroup(app(), alice);
      await addMember(app(), alice, group.id, bob.username);
      const admins = `/api/groups/${group.id}/admins`;
      const byMember = await call(app(), 'POST', `${admins}/${bob.username}`, { token: bob.token });
      assert.equal(byMember.status, 403);
      const lastDemote = await call(app(), 'DELETE', `${admins}/${alice.username}`, { token: alice.token });
      assert.equal(lastDemote.status, 409);
      assert.equal(errorCode(lastDemote), 'last_admin');
      const lastLeave = await call(app(), 'DELETE', `/api/groups/${group.id}/members/${alice.username}`, { token: alice.token });
      assert.equal(errorCode(lastLeave), 'last_admin');

      // Labelled JSON but empty, as some HTTP clients send a bodiless POST.
      const promoted = await call<MemberView>(app(), 'POST', `${admins}/${bob.username}`, { token: alice.token, headers: { 'content-type': 'application/json' } });
      assert.equal(promoted.status, 200);
      assert.equal(promoted.json.isAdmin, true);
      const demoted = await call<MemberView>(app(), 'DELETE', `${admins}/${alice.username}`, { token: bob.token });
      assert.equal(demoted.status, 200);
      assert.deepEqual([demoted.json.username, demoted.json.isAdmin], [alice.username, false]);
      assert.equal((await groupOf(alice, group.id)).isAdmin, false);
      const unknown = await call(app(), 'POST', `${admins}/${uniqueName('ghost')}`, { token: bob.token });
      assert.equal(unknown.status, 404);
    });

    it('deletes the group when its last member leaves', async () => {
      const alice = await signUp(app());
      const group = await createGroup(app(), alice);
      const res = await call(app(), 'DELETE', `/api/groups/${group.id}/members/${alice.username}`, { token: alice.token });
      assert.equal(res.status, 200);
      const [row] = await app().orm.em.fork().getKnex()('groups').count('* as n').where({ id: group.id });
      assert.equal(Number(row?.n), 0);
    });
  });
}
