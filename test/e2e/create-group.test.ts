// Creating a group with members is all or nothing, and a second group of the same name is
// made only when asked: real clients (the client core) against a real server process.
import assert from 'node:assert/strict';
import { createIdentity, toBase64 } from '../../common/crypto';
import { GroupNameTakenError, KeyChangedError, MemorySecretStore, NoSuchUsersError, normalizeServerUrl, TeamChatClient } from '../../client';
import { PinStore } from '../../client/trust/pin-store';
import { BACKENDS, groupAppears, ServerWorld, TEST_CLIENT_OPTIONS } from './support/chat-world';

const PASSPHRASE = 'create group: a passphrase long enough';

for (const backend of BACKENDS) {
  describe(`creating a group on the ${backend} database`, function () {
    this.timeout(180_000);
    let world: ServerWorld;
    let alice: TeamChatClient;
    let bob: TeamChatClient;

    const launches = async (client: TeamChatClient) => (await client.refreshGroups()).filter((g) => g.name === 'launch');

    before(async () => {
      world = await ServerWorld.start(backend);
      alice = await TeamChatClient.signUp(world.url, 'alice', PASSPHRASE, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      bob = await TeamChatClient.signUp(world.url, 'bob', PASSPHRASE, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      const carol = await TeamChatClient.signUp(world.url, 'carol', PASSPHRASE, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      await carol.signOut();
      await Promise.all([alice.connect(), bob.connect()]);
    });

    after(async () => {
      await Promise.all([alice, bob].map((client) => client?.disconnect()));
      await world?.close();
    });

    it('names every unknown member and creates nothing when one does not exist', async () => {
      await assert.rejects(
        alice.createGroup('launch', { members: ['bob', 'zed', 'yves'] }),
        (e: unknown) => e instanceof NoSuchUsersError && e.usernames.join() === 'zed,yves' && /"zed", "yves"/.test(e.message) && /Nothing was created/.test(e.message),
      );
      assert.deepEqual(await launches(alice), []);
      assert.deepEqual(await launches(bob), []);
    });

    it('stops at a member whose keys changed since they were pinned, before anything is made', async () => {
      // This device of alice's pinned other keys for carol than the server gives now: a swapped key, as far as it can tell.
      const store = new MemorySecretStore();
      const forged = createIdentity();
      await new PinStore(store, normalizeServerUrl(world.url)).pin({
        username: 'carol', encryptionPublicKeyB64: toBase64(forged.encryptionPublicKey), signingPublicKeyB64: toBase64(forged.signingPublicKey),
      });
      const device = await TeamChatClient.signIn(world.url, 'alice', PASSPHRASE, store, TEST_CLIENT_OPTIONS);
      try {
        await assert.rejects(device.createGroup('launch', { members: ['bob', 'carol'] }), (e: unknown) => e instanceof KeyChangedError && e.username === 'carol');
      } finally {
        await device.signOut();
      }
      assert.deepEqual(await launches(alice), []);
    });

    it('creates the group with every member once all names check out, and refuses the same name again unless asked', async () => {
      const bobSees = new Promise<string>((resolve) => bob.on('groups-changed', (groups) => {
        const g = groups.find((x) => x.name === 'launch');
        if (g) resolve(g.id);
      }));
      const group = await alice.createGroup('launch', { members: ['bob', 'bob', 'alice'] });
      assert.deepEqual(group.members.map((m) => m.username).sort(), ['alice', 'bob']);
      assert.equal(await bobSees, group.id);

      await assert.rejects(alice.createGroup(' launch ', { members: ['bob'] }), (e: unknown) => e instanceof GroupNameTakenError && /already have a group named "launch"/.test(e.message));
      // Bob is in a "launch" too now, so the same holds for him.
      await assert.rejects(bob.createGroup('launch'), GroupNameTakenError);
      assert.deepEqual((await launches(alice)).map((g) => g.id), [group.id]);

      const second = await alice.createGroup('launch', { members: ['bob'], allowSameName: true });
      await groupAppears(bob, second.id);
      assert.deepEqual((await launches(alice)).map((g) => g.id).sort(), [group.id, second.id].sort());
    });
  });
}
