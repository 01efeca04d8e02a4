// Access tokens are short-lived, and the server closes an event socket when its token runs
// out. A real client must ride over that: refresh its token, reconnect, catch up, and keep
// working over HTTP, without the user doing anything and without missing a message.
import assert from 'node:assert/strict';
import { MemorySecretStore, TeamChatClient, type ConnectionState } from '../../client';
import { connectionBecomes, groupAppears, Inbox, ServerWorld, TEST_CLIENT_OPTIONS } from './support/chat-world';

const TOKEN_SECONDS = 5;

describe('a client outlives its access tokens', function () {
  this.timeout(120_000);
  let world: ServerWorld;
  let alice: TeamChatClient;
  let bob: TeamChatClient;

  before(async () => {
    world = await ServerWorld.start('postgresql', { TEAMCHAT_ACCESS_TOKEN_SECONDS: String(TOKEN_SECONDS) });
    alice = await TeamChatClient.signUp(world.url, 'alice', 'alice: token expiry passphrase', new MemorySecretStore(), TEST_CLIENT_OPTIONS);
    bob = await TeamChatClient.signUp(world.url, 'bob', 'bob: token expiry passphrase', new MemorySecretStore(), TEST_CLIENT_OPTIONS);
    await Promise.all([alice.connect(), bob.connect()]);
  });

  after(async () => {
    await Promise.all([alice, bob].map((client) => client?.disconnect()));
    await world?.close();
  });

  it('reconnects when the server closes its socket at expiry and misses no message', async () => {
    const group = await alice.createGroup('expiring');
    const bobSees = groupAppears(bob, group.id);
    await alice.addMember(group.id, 'bob');
    await bobSees;
    const inbox = new Inbox(bob);
    const states: ConnectionState[] = [];
    bob.on('connection', (state) => states.push(state));

    const bodies: string[] = [];
    // Send through two token lifetimes, one message a second, so some land while bob's
    // socket is being replaced.
    for (let i = 0; i < TOKEN_SECONDS * 2 + 2; i++) {
      const body = `tick ${i}`;
      await alice.sendText(group.id, body);
      bodies.push(body);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await connectionBecomes(bob, 'connected');
    await inbox.next((m) => m.body === bodies.at(-1));
    assert.ok(states.includes('reconnecting'), `bob's socket was replaced at least once (saw ${states.join(', ') || 'no change'})`);
    assert.deepEqual(inbox.arrived.filter((m) => m.groupId === group.id).map((m) => m.body), bodies, 'each message once, in order');
    const seqs = inbox.arrived.map((m) => m.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
  });

  it('keeps working over HTTP after its first token has run out', async () => {
    const group = await bob.createGroup('after expiry');
    assert.equal((await bob.refreshGroups()).some((g) => g.id === group.id), true);
    const sent = await bob.sendText(group.id, 'still signed in');
    assert.equal((await bob.history(group.id)).at(-1)?.msgId, sent.msgId);
  });
});
