// The host-side adapter over a real client core, against a real server: unread counts, paging,
// live messages and key-change marks as the panel will see them.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { MemorySecretStore, TeamChatClient } from '../../../client';
import type { ChatServiceEvent } from '../../../extension/chat-service';
import { ClientChatService } from '../../../extension/client-chat-service';
import { NotificationSettings } from '../../../extension/notification-settings';
import type { ServerProcess } from '../../support/server-process';
import { keptStateInMemory } from '../support/kept-state';
import { eventually, PASSPHRASE, startTwoUsers, type TwoUsers } from '../support/two-users';

describe('host ClientChatService over a real client and server', function () {
  this.timeout(120_000);
  let world: TwoUsers;
  let server: ServerProcess;
  let alice: TeamChatClient;
  let bob: TeamChatClient;
  let session: ClientChatService;
  const events: ChatServiceEvent[] = [];
  let groupId: string;

  before(async () => {
    world = await startTwoUsers('hostadapter');
    ({ server, alice, bob } = world);
    session = new ClientChatService(alice, new NotificationSettings(keptStateInMemory(), server.url, alice.username), () => undefined);
    session.onEvent((e) => events.push(e));
    const created = await session.createGroup({ name: 'adapter', members: [bob.username] });
    assert.ok('groupId' in created);
    groupId = created.groupId;
    await eventually('bob to see the group', () => bob.groups().find((g) => g.id === groupId));
  });

  after(async () => {
    session?.dispose();
    await world?.stop();
  });

  it('answers sameNameExists for a name alice has a group of, and makes a second one when allowed', async () => {
    assert.deepEqual(await session.createGroup({ name: 'adapter', members: [] }), { sameNameExists: true });
    const again = await session.createGroup({ name: 'adapter', members: [], allowSameName: true });
    assert.ok('groupId' in again && again.groupId !== groupId);
    await alice.deleteGroup(again.groupId);
  });

  it('counts live messages from others as unread until marked read', async () => {
    for (let i = 1; i <= 3; i++) await bob.sendText(groupId, `note ${i} for @${alice.username}`);
    await eventually('three unread', () => (session.groups().find((g) => g.id === groupId)?.unread === 3 ? true : undefined));
    assert.equal(session.unreadCount().messages, 3);
    const arrived = events.filter((e): e is Extract<ChatServiceEvent, { type: 'message' }> => e.type === 'message');
    assert.deepEqual(arrived.map((e) => e.message.body), [1, 2, 3].map((i) => `note ${i} for @${alice.username}`));
    assert.ok(arrived.every((e) => e.message.mentionsMe && e.message.integrity === 'ok'));
    const last = arrived.at(-1)!.message.seq;
    await session.markRead(groupId, last);
    assert.equal(session.unreadCount().messages, 0);
    await alice.refreshGroups();
    assert.equal(session.unreadCount().messages, 0, 'the server agrees after a fresh snapshot');
  });

  it('opens a chat with the newest page and pages back through older messages', async () => {
    for (let i = 0; i < 55; i++) await alice.sendText(groupId, `bulk ${i}`);
    const fresh = new ClientChatService(await TeamChatClient.signIn(server.url, alice.username, PASSPHRASE, new MemorySecretStore()), new NotificationSettings(keptStateInMemory(), server.url, alice.username), () => undefined);
    try {
      const page = await fresh.openGroup({ groupId });
      assert.equal(page.group.name, 'adapter');
      assert.equal(page.messages.length, 50);
      assert.equal(page.hasMore, true);
      assert.equal(page.messages.at(-1)?.body, 'bulk 54');
      assert.ok(page.messages.every((m) => m.isMine === (m.sender === alice.username)));
      const older = await fresh.loadOlder({ groupId, beforeSeq: page.messages[0]!.seq });
      assert.equal(older.hasMore, false);
      assert.deepEqual(older.messages.map((m) => m.body), ['note 1 for @' + alice.username, 'note 2 for @' + alice.username, 'note 3 for @' + alice.username, 'bulk 0', 'bulk 1', 'bulk 2', 'bulk 3', 'bulk 4']);
    } finally {
      fresh.dispose();
      await fresh.client.disconnect();
    }
  });

  it('shows members with admin marks and a changed key as changed', async () => {
    const page = await session.openGroup({ groupId });
    const byName = Object.fromEntries(page.group.members.map((m) => [m.username, m]));
    assert.equal(byName[alice.username]?.isAdmin, true);
    assert.equal(byName[alice.username]?.isMe, true);
    assert.equal(byName[bob.username]?.isAdmin, false);
    assert.equal(byName[bob.username]?.keyTrust, 'pinned');
    session.setKeyChanged(bob.username, true);
    const after = await session.openGroup({ groupId });
    assert.equal(after.group.members.find((m) => m.username === bob.username)?.keyTrust, 'changed');
    assert.ok(events.some((e) => e.type === 'group' && e.group.members.some((m) => m.username === bob.username && m.keyTrust === 'changed')));
  });

  it('passes the group verification, its verified history, and keys accepted as verified', async () => {
    session.setKeyChanged(bob.username, false);
    await alice.acceptKeys(bob.username);
    const page = await session.openGroup({ groupId });
    assert.equal(page.group.verification.state, 'verified');
    assert.equal(page.group.members.find((m) => m.username === bob.username)?.keyTrust, 'verified');
    const history = await session.groupHistory({ groupId });
    assert.equal(history.verification.state, 'verified');
    assert.deepEqual(history.entries.slice(0, 2).map((e) => [e.type, e.signer, e.username]), [['create', alice.username, undefined], ['add', alice.username, bob.username]]);
  });

  it('stores a msgId the panel chose once, however often it is sent (a resend after a reload encrypts again)', async () => {
    const msgId = randomBytes(16).toString('hex');
    assert.deepEqual(await session.send({ groupId, body: 'from the outbox', msgId }), { msgId });
    assert.deepEqual(await session.send({ groupId, body: 'from the outbox', msgId }), { msgId });
    const page = await session.openGroup({ groupId });
    assert.equal(page.messages.filter((m) => m.msgId === msgId).length, 1);
    await assert.rejects(session.send({ groupId, body: 'x', msgId: 'NOT-HEX' }), /32 lowercase hex/);
  });

  it("tells the panel who types, who is online and how far others read in the group it opened, and passes the panel's keystrokes on", async () => {
    await session.openGroup({ groupId });
    const awareness = () => events.filter((e): e is Extract<ChatServiceEvent, { type: 'awareness' }> => e.type === 'awareness').at(-1)?.awareness;
    bob.presence.typing(groupId);
    await eventually('bob typing', () => (awareness()?.typing.includes(bob.username) ? true : undefined));
    await eventually('bob online', () => (awareness()?.presence.some((p) => p.username === bob.username && p.presence === 'online') ? true : undefined));
    const bobsTyping: string[][] = [];
    const off = bob.presence.on('typing', () => bobsTyping.push(bob.presence.typers(groupId)));
    session.typing(groupId, false);
    await eventually('alice typing at bob', () => (bobsTyping.some((t) => t.includes(alice.username)) ? true : undefined));
    session.typing(groupId, true);
    await eventually('alice stopped', () => (bob.presence.typers(groupId).length === 0 ? true : undefined));
    off();
    const sent = await alice.sendText(groupId, 'seen?');
    await eventually('bob has it', () => bob.messages(groupId).find((m) => m.msgId === sent.msgId));
    await bob.markRead(groupId);
    await eventually('seen by bob', () => (awareness()?.reads.some((r) => r.username === bob.username && r.seq >= sent.seq) ? true : undefined));
    assert.equal(awareness()?.groupId, groupId);
    assert.equal(awareness()?.typing.includes(alice.username), false, 'never oneself');
  });
});
