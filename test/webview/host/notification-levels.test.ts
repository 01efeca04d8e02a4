// Per-group notification levels over the real host adapter, client core and server: what the
// badge and the status bar count, and which messages toast. Only VS Code's parts are stood in
// for: globalState (a Map), the panel ("is the user looking at this group?") and the toast.
import * as assert from 'node:assert/strict';
import type { TeamChatClient } from '../../../client';
import type { ChatServiceEvent } from '../../../extension/chat-service';
import { ClientChatService } from '../../../extension/client-chat-service';
import { MessageAlerts, type MessageAlert } from '../../../extension/message-alerts';
import { NotificationSettings } from '../../../extension/notification-settings';
import { statusBarText } from '../../../extension/status-bar-text';
import { unreadBadge } from '../../../extension/unread-count';
import type { ServerProcess } from '../../support/server-process';
import { keptStateInMemory } from '../support/kept-state';
import { eventually, startTwoUsers, type TwoUsers } from '../support/two-users';

describe('host notification levels over a real client and server', function () {
  this.timeout(120_000);
  let world: TwoUsers;
  let server: ServerProcess;
  let alice: TeamChatClient;
  let bob: TeamChatClient;
  const state = keptStateInMemory();
  let session: ClientChatService;
  let alerts: MessageAlerts;
  const shown: MessageAlert[] = [];
  const arrived: string[] = [];
  /** The group whose chat is in front of alice (the panel shows it and the window has focus). */
  let inFront: string | undefined;
  const ids = { all: '', mentions: '', muted: '' };

  async function create(name: string): Promise<string> {
    const created = await session.createGroup({ name, members: [bob.username] });
    assert.ok('groupId' in created);
    await eventually(`bob to see ${name}`, () => bob.groups().find((g) => g.id === created.groupId));
    return created.groupId;
  }

  async function fromBob(groupId: string, body: string): Promise<string> {
    const { msgId } = await bob.sendText(groupId, body);
    await eventually(`alice to get "${body}"`, () => (arrived.includes(msgId) ? true : undefined));
    return msgId;
  }

  const unreadIn = (groupId: string) => session.groups().find((g) => g.id === groupId)?.unread;

  before(async () => {
    world = await startTwoUsers('notifylevels');
    ({ server, alice, bob } = world);
    session = new ClientChatService(alice, new NotificationSettings(state, server.url, alice.username), () => undefined);
    alerts = new MessageAlerts(session, (groupId) => groupId === inFront, (alert) => shown.push(alert));
    session.onEvent((e: ChatServiceEvent) => {
      if (e.type === 'message') arrived.push(e.message.msgId);
    });
    ids.all = await create('everything');
    ids.mentions = await create('mentions');
    ids.muted = await create('quiet');
  });

  after(async () => {
    alerts?.dispose();
    session?.dispose();
    await world?.stop();
  });

  it('starts a small group at All messages, and keeps a chosen level on this device only, per server, user and group', async () => {
    assert.deepEqual(session.groups().map((g) => g.notify), ['all', 'all', 'all']);
    await session.setNotifyLevel(ids.mentions, 'mentions');
    await session.setNotifyLevel(ids.muted, 'muted');
    assert.equal(session.groups().find((g) => g.id === ids.muted)?.notify, 'muted');
    assert.equal(new NotificationSettings(state, server.url, alice.username).levelOf(ids.muted, 2), 'muted', 'kept for the next session');
    assert.equal(new NotificationSettings(state, server.url, bob.username).levelOf(ids.muted, 2), 'all', 'another user on this device has their own');
    assert.equal(new NotificationSettings(state, 'https://other.example.com', alice.username).levelOf(ids.muted, 2), 'all', 'another server has its own');
    const bobsView = (await bob.api.groups()).find((g) => g.id === ids.muted);
    assert.ok(bobsView && !JSON.stringify(bobsView).includes('muted'), 'the server learns nothing');
  });

  it('counts every message of an All group, only mentions of a Mentions group, nothing of a muted one', async () => {
    for (const id of Object.values(ids)) {
      await fromBob(id, 'plain one');
      await fromBob(id, 'plain two');
      await fromBob(id, `@${alice.username} have a look`);
    }
    assert.deepEqual([unreadIn(ids.all), unreadIn(ids.mentions), unreadIn(ids.muted)], [3, 3, 3], 'each list shows every unread message');
    assert.deepEqual(session.unreadCount(), { messages: 4, groups: 2 });
  });

  it('toasts every message of an All group, only mentions of a Mentions group, and nothing of a muted one', () => {
    const of = (id: string) => shown.filter((a) => a.groupId === id).map((a) => a.text);
    assert.deepEqual(of(ids.all), [`${bob.username} in everything: plain one`, `${bob.username} in everything: plain two`, `${bob.username} mentioned you in everything: @${alice.username} have a look`]);
    assert.deepEqual(of(ids.mentions), [`${bob.username} mentioned you in mentions: @${alice.username} have a look`]);
    assert.deepEqual(of(ids.muted), []);
  });

  it('does not toast your own messages, an edit, or a message in the chat you are looking at', async () => {
    const before = shown.length;
    const mine = await session.send({ groupId: ids.all, body: `note to self @${alice.username}` });
    await eventually('alice to see her own message', () => (arrived.includes(mine.msgId) ? true : undefined));
    inFront = ids.all;
    await fromBob(ids.all, 'seen as it arrives');
    inFront = undefined;
    const plain = await fromBob(ids.mentions, 'no mention yet');
    await bob.editMessage(ids.mentions, plain, `now for @${alice.username}`);
    await eventually('the edit to add a mention', () => (session.unreadCount().messages === 6 ? true : undefined));
    assert.equal(shown.length, before, 'no toast for any of them');
    assert.equal(unreadIn(ids.all), 4, 'your own message is not unread');
  });

  it('shows the same number, in the same words, on the badge, its tooltip and the status bar', () => {
    const count = session.unreadCount();
    assert.deepEqual(count, { messages: 6, groups: 2 });
    const badge = unreadBadge(count);
    const bar = statusBarText('online', count);
    assert.equal(badge?.value, 6);
    assert.equal(badge?.tooltip, '6 unread in 2 groups');
    assert.match(bar.text, / TeamChat 6$/);
    assert.equal(bar.tooltip, 'TeamChat: online, 6 unread in 2 groups. Click to open the chat.');
  });

  it('stops counting a group once it is read, and counts a muted group again once unmuted', async () => {
    const last = Math.max(...alice.messages(ids.mentions).map((m) => m.seq));
    await session.markRead(ids.mentions, last);
    assert.deepEqual(session.unreadCount(), { messages: 4, groups: 1 });
    assert.equal(unreadBadge(session.unreadCount())?.tooltip, '4 unread in 1 group');
    await session.setNotifyLevel(ids.muted, 'all');
    assert.deepEqual(session.unreadCount(), { messages: 7, groups: 2 });
  });

  it('makes one notification per group for messages that arrive together, as after reconnecting', async () => {
    await alice.disconnect();
    const plain = await bob.sendText(ids.all, 'while you were away');
    await bob.sendText(ids.all, `@${alice.username} and this`);
    const last = await bob.sendText(ids.all, 'and one more');
    await bob.sendText(ids.mentions, 'nothing for you');
    const ping = await bob.sendText(ids.mentions, `@${alice.username} but this is`);
    const before = shown.length;
    await alice.connect();
    await eventually('the catch-up', () => ([plain, last, ping].every((m) => arrived.includes(m.msgId)) ? true : undefined));
    await new Promise((r) => setTimeout(r, 0));
    assert.deepEqual(
      shown.slice(before).map((a) => [a.groupId, a.msgId, a.text]).sort(),
      [
        [ids.all, last.msgId, '3 new messages in everything, 1 of them mentioning you'],
        [ids.mentions, ping.msgId, `${bob.username} mentioned you in mentions: @${alice.username} but this is`],
      ].sort(),
    );
  });
});
