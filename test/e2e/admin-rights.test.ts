// Admin rights end to end: real clients (the client core) against a real server process.
import assert from 'node:assert/strict';
import type { GroupView } from '../../common/api';
import { isServerError, NotAllowedByLogError, type TeamChatClient } from '../../client';
import { BACKENDS, ServerWorld } from './support/chat-world';
import { aliceAndBobIn } from './support/two-members';

const PASSPHRASES = { alice: 'alice: admin rights passphrase', bob: 'bob: admin rights passphrase' };

const adminsOf = (g: GroupView | undefined) => (g?.members ?? []).filter((m) => m.isAdmin).map((m) => m.username).sort();

for (const backend of BACKENDS) {
  describe(`admin rights on the ${backend} database`, function () {
    this.timeout(180_000);
    let world: ServerWorld;
    let alice: TeamChatClient;
    let bob: TeamChatClient;
    let group: GroupView;

    before(async () => {
      world = await ServerWorld.start(backend);
      ({ alice, bob, group } = await aliceAndBobIn(world, 'ops', PASSPHRASES));
    });

    after(async () => {
      await Promise.all([alice, bob].map((client) => client?.disconnect()));
      await world?.close();
    });

    it('a member who is not admin cannot promote anyone: the group log refuses it in the client, the server with 403', async () => {
      await assert.rejects(bob.promote(group.id, 'bob'), (e: unknown) => e instanceof NotAllowedByLogError && /only an admin/i.test(e.message));
      await assert.rejects(bob.api.promote(group.id, 'bob'), (e: unknown) => isServerError(e) && e.status === 403);
      assert.deepEqual(adminsOf(await alice.refreshGroup(group.id)), ['alice']);
    });

    it('an admin promotes a member, who can then manage the group', async () => {
      const member = await alice.promote(group.id, 'bob');
      assert.equal(member.username, 'bob');
      assert.equal(member.isAdmin, true);
      assert.deepEqual(adminsOf(await alice.group(group.id)), ['alice', 'bob'], 'the promoting client sees it at once');
      const asBob = await bob.refreshGroup(group.id);
      assert.equal(asBob?.isAdmin, true);
    });

    it('an admin demotes another admin', async () => {
      const member = await bob.demote(group.id, 'alice');
      assert.equal(member.isAdmin, false);
      assert.deepEqual(adminsOf(await bob.group(group.id)), ['bob']);
      assert.equal((await alice.refreshGroup(group.id))?.isAdmin, false);
    });

    it('demoting the last admin is refused: by the group log in the client, by the server with 409 last_admin', async () => {
      await assert.rejects(bob.demote(group.id, 'bob'), (e: unknown) => e instanceof NotAllowedByLogError && /^A group keeps at least one admin/.test(e.message));
      await assert.rejects(bob.api.demote(group.id, 'bob'), (e: unknown) => isServerError(e) && e.status === 409 && e.code === 'last_admin' && /at least one admin/.test(e.message));
      assert.deepEqual(adminsOf(await bob.refreshGroup(group.id)), ['bob']);
    });
  });
}
