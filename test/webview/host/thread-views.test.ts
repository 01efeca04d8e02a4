// The host side of threads over a real client core and server: a reply's events as the panel
// sees them (kept apart from the timeline, the root's summary line updated, a notification for
// the thread's participants only), opening a thread, replying from the panel, marking it read.
import * as assert from 'node:assert/strict';
import type { TeamChatClient } from '../../../client';
import type { ChatServiceEvent } from '../../../extension/chat-service';
import { ClientChatService } from '../../../extension/client-chat-service';
import { MessageAlerts, type MessageAlert } from '../../../extension/message-alerts';
import { NotificationSettings } from '../../../extension/notification-settings';
import type { ServerProcess } from '../../support/server-process';
import { keptStateInMemory } from '../support/kept-state';
import { eventually, startTwoUsers, type TwoUsers } from '../support/two-users';

type MessageEvent = Extract<ChatServiceEvent, { type: 'message' }>;

describe('host threads over a real client and server', function () {
  this.timeout(120_000);
  let world: TwoUsers;
  let server: ServerProcess;
  let alice: TeamChatClient;
  let bob: TeamChatClient;
  let session: ClientChatService;
  let alerts: MessageAlerts;
  const events: MessageEvent[] = [];
  const shown: MessageAlert[] = [];
  let groupId: string;

  before(async () => {
    world = await startTwoUsers('hostthreads');
    ({ server, alice, bob } = world);
    session = new ClientChatService(alice, new NotificationSettings(keptStateInMemory(), server.url, alice.username), () => undefined);
    session.onEvent((e) => e.type === 'message' && events.push(e));
    alerts = new MessageAlerts(session, () => false, (alert) => shown.push(alert));
    const created = await session.createGroup({ name: 'threads', members: [bob.username] });
    assert.ok('groupId' in created);
    groupId = created.groupId;
    await eventually('bob to see the group', () => bob.groups().find((g) => g.id === groupId));
  });
  after(async () => {
    alerts?.dispose();
    session?.dispose();
    await world?.stop();
  });

  it('sends a thread reply from the panel, and answers bob\'s with the root\'s new summary and a notification', async () => {
    const { msgId: rootId } = await session.send({ groupId, body: 'Release plan?' });
    await eventually('bob to hold the root', () => bob.messages(groupId).find((m) => m.msgId === rootId));
    const { msgId: mine } = await session.send({ groupId, body: 'I start: Friday', thread: { root: rootId } });
    assert.equal(alice.messages(groupId).some((m) => m.msgId === mine), false, 'not in the timeline');
    const bobs = await bob.threads.reply(groupId, rootId, 'Friday is fine');
    const arrived = await eventually('bob\'s reply', () => events.find((e) => e.message.msgId === bobs.msgId));
    assert.equal(arrived.message.threadRoot, rootId);
    assert.equal(arrived.message.threadNotifiesMe, true);
    assert.equal(arrived.unread, true);
    const rootUpdate = events.filter((e) => e.message.msgId === rootId).at(-1)!;
    assert.deepEqual({ ...rootUpdate.message.thread, lastReplyAt: undefined }, { replies: 2, lastRepliers: [bob.username, alice.username], unread: 1, lastReplyAt: undefined });
    await eventually('a notification', () => shown.find((a) => a.msgId === bobs.msgId));
    assert.match(shown.find((a) => a.msgId === bobs.msgId)!.text, /replied in a thread in threads: Friday is fine/);

    const page = await session.openThread({ groupId, msgId: rootId });
    assert.equal(page.root.msgId, rootId);
    assert.deepEqual(page.replies.map((m) => m.body), ['I start: Friday', 'Friday is fine']);
    assert.equal(page.dropped, 0);
    await session.markThreadRead({ groupId, root: rootId });
    assert.equal(events.at(-1)?.message.thread?.unread, 0, 'the root is sent again with no unread');
  });

  it('does not count or notify a reply in a thread alice is not in', async () => {
    const before = shown.length;
    const bobsRoot = await bob.sendText(groupId, 'A side topic');
    await eventually('bob\'s root', () => events.find((e) => e.message.msgId === bobsRoot.msgId));
    const unreadBefore = session.groups().find((g) => g.id === groupId)!.unread;
    const side = await bob.threads.reply(groupId, bobsRoot.msgId, 'talking to myself');
    const arrived = await eventually('the side reply', () => events.find((e) => e.message.msgId === side.msgId));
    assert.equal(arrived.message.threadNotifiesMe, undefined);
    assert.equal(arrived.unread, false);
    assert.equal(session.groups().find((g) => g.id === groupId)!.unread, unreadBefore);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(shown.slice(before).filter((a) => a.msgId === side.msgId).length, 0);
  });
});
