// Typing, presence and read receipts between real clients (the client core) over a real
// server process, on the embedded database and on PostgreSQL.

import assert from 'node:assert/strict';
import { MemorySecretStore, TeamChatClient, type Group } from '../../client';
import { BACKENDS, groupAppears, Inbox, ServerWorld, TEST_CLIENT_OPTIONS } from './support/chat-world';

function until<T>(client: TeamChatClient, event: 'typing' | 'presence' | 'reads', check: () => T | undefined): Promise<T> {
  const now = check();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise((resolve) => {
    const off = client.presence.on(event, () => {
      const result = check();
      if (result !== undefined) {
        off();
        resolve(result);
      }
    });
  });
}

for (const backend of BACKENDS) {
  describe(`typing, presence and read receipts between real clients (${backend})`, function () {
    this.timeout(120_000);
    let world: ServerWorld;
    let alice: TeamChatClient;
    let bob: TeamChatClient;
    let carol: TeamChatClient;
    let group: Group;

    before(async () => {
      world = await ServerWorld.start(backend);
      const signUp = (name: string) => TeamChatClient.signUp(world.url, name, `${name}: a long enough passphrase for tests`, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      [alice, bob, carol] = [await signUp('alice'), await signUp('bob'), await signUp('carol')];
      await Promise.all([alice.connect(), bob.connect(), carol.connect()]);
      group = await alice.createGroup('presence');
      const bobSees = groupAppears(bob, group.id);
      await alice.addMember(group.id, 'bob');
      await bobSees;
      const carols = await carol.createGroup('carol and bob', { members: ['bob'] });
      await groupAppears(bob, carols.id);
    });

    after(async () => {
      await Promise.all([alice, bob, carol].map((c) => c?.disconnect()));
      await world?.close();
    });

    it("shows Bob's typing to Alice until his message arrives, and never to Carol", async () => {
      const carolHeard: string[] = [];
      carol.presence.on('typing', (groupId) => carolHeard.push(groupId));
      bob.presence.typing(group.id);
      assert.deepEqual(await until(alice, 'typing', () => (alice.presence.typers(group.id).length ? alice.presence.typers(group.id) : undefined)), ['bob']);
      const inbox = new Inbox(alice);
      const sent = await bob.sendText(group.id, 'done typing');
      await inbox.next((m) => m.msgId === sent.msgId);
      assert.deepEqual(alice.presence.typers(group.id), []);
      assert.deepEqual(carolHeard, []);
      assert.deepEqual(bob.presence.typers(group.id), [], 'Bob does not see himself');
    });

    it('shows Bob online, away when his window is not in use, offline when he leaves, and hides him when he turns presence off', async () => {
      alice.presence.watch(group.id);
      await until(alice, 'presence', () => (alice.presence.presenceOf('bob') === 'online' ? true : undefined));
      bob.presence.setActive(false);
      await until(alice, 'presence', () => (alice.presence.presenceOf('bob') === 'away' ? true : undefined));
      bob.presence.setActive(true);
      await until(alice, 'presence', () => (alice.presence.presenceOf('bob') === 'online' ? true : undefined));
      await bob.presence.setPrivacy({ sharePresence: false });
      await until(alice, 'presence', () => (alice.presence.presenceOf('bob') === 'offline' ? true : undefined));
      assert.equal(bob.presence.presenceOf('alice'), 'offline', 'who hides sees nobody');
      await bob.presence.setPrivacy({ sharePresence: true });
      await until(alice, 'presence', () => (alice.presence.presenceOf('bob') === 'online' ? true : undefined));
      await bob.disconnect();
      await until(alice, 'presence', () => (alice.presence.presenceOf('bob') === 'offline' ? true : undefined));
      await bob.connect();
      await until(alice, 'presence', () => (alice.presence.presenceOf('bob') === 'online' ? true : undefined));
    });

    it("shows how far Bob has read while he shares it, and neither side's once he turns read receipts off", async () => {
      const bobsInbox = new Inbox(bob);
      const first = await alice.sendText(group.id, 'read me');
      await alice.markRead(group.id);
      await bobsInbox.next((m) => m.msgId === first.msgId);
      await bob.markRead(group.id);
      assert.equal(await until(alice, 'reads', () => alice.presence.readsIn(group.id).get('bob')), first.seq);
      await bob.refreshGroup(group.id);
      assert.equal(bob.presence.readsIn(group.id).get('alice'), first.seq);

      await bob.presence.setPrivacy({ shareReadReceipts: false });
      assert.equal(bob.presence.readsIn(group.id).size, 0);
      await alice.refreshGroup(group.id);
      assert.equal(alice.presence.readsIn(group.id).get('bob'), undefined, 'withdrawn');
      const second = await alice.sendText(group.id, 'read this too');
      await bobsInbox.next((m) => m.msgId === second.msgId);
      await bob.markRead(group.id);
      // A read event would have reached Alice before this typing frame, which Bob sends after.
      bob.presence.typing(group.id);
      await until(alice, 'typing', () => (alice.presence.typers(group.id).includes('bob') ? true : undefined));
      await alice.refreshGroup(group.id);
      assert.equal(alice.presence.readsIn(group.id).get('bob'), undefined);
      await bob.refreshGroup(group.id);
      assert.equal(bob.presence.readsIn(group.id).size, 0, 'who withholds sees nobody');
      assert.equal((await bob.group(group.id)).readSeq, second.seq, "Bob's own unread count still follows him across devices");
      bob.presence.stopTyping(group.id);
      await bob.presence.setPrivacy({ shareReadReceipts: true });
      await alice.refreshGroup(group.id);
      assert.equal(alice.presence.readsIn(group.id).get('bob'), second.seq);
    });
  });
}
