// Direct messages in the panel: "Message bob" from the member list and from an @mention, DMs
// listed apart from groups and named by the other person, and a DM's header with the person,
// their key trust and no admin actions.
import * as assert from 'node:assert/strict';
import { Commands, DidChangeGroup, DidChangeGroups, DidChangeSession, Requests, type GroupDetailView } from '../../common/webview-protocol';
import { settle } from './support/dom';
import type { FakeTransport } from './support/fake-transport';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

const DM_ID = '7a2d3b0f-2222-4333-8444-a55566667777';

function dmWithBob(over: Partial<GroupDetailView> = {}): GroupDetailView {
  return group({
    id: DM_ID, name: 'bob', isAdmin: false, dm: { with: 'bob', ended: false },
    members: [{ username: 'alice', isAdmin: false, isMe: true, keyTrust: 'pinned' }, { username: 'bob', isAdmin: false, isMe: false, keyTrust: 'verified' }],
    ...over,
  });
}

describe('webview direct messages', () => {
  let mounted: MountedApp;
  let t: FakeTransport;
  let root: HTMLElement;
  let $: MountedApp['$'];
  let notify: MountedApp['notify'];

  beforeEach(() => {
    mounted = mountChatApp();
    ({ t, root, $, notify } = mounted);
    notify(DidChangeSession, { session: { state: 'online', username: 'alice', serverUrl: 'https://chat.example.com' } });
  });
  afterEach(() => mounted.close());

  async function open(id: string, detail: GroupDetailView, messages = [message(1)]) {
    (root.querySelector(`.group-item[data-group-id="${id}"]`) as HTMLButtonElement).click();
    t.reply(Requests.openGroup, { group: detail, messages, hasMore: false });
    await settle();
  }

  it('lists direct messages apart from groups, under their own heading, named by the other person', () => {
    notify(DidChangeGroups, { groups: [group(), { ...dmWithBob(), unread: 2 }, dmWithBob({ id: '8b3e4c1a-3333-4444-8555-b66677778888', name: 'carol', dm: { with: 'carol', ended: true }, needsRotation: true })] });
    const rooms = [...root.querySelectorAll('.group-list:not(.dm-list) .group-item')].map((b) => b.textContent);
    assert.deepEqual(rooms, ['backend']);
    const dms = [...root.querySelectorAll('.dm-list .group-item')];
    assert.deepEqual(dms.map((b) => b.querySelector('.group-name')?.textContent), ['bob', 'carol']);
    assert.equal($('.dms-heading h2')?.textContent, 'Direct messages');
    assert.match(dms[0]?.getAttribute('aria-label') ?? '', /^Direct message with bob, 2 unread$/);
    assert.match(dms[1]?.textContent ?? '', /ended/);
    assert.doesNotMatch(dms[1]?.textContent ?? '', /key rotation needed/, 'an ended DM asks for no rotation');
    assert.ok($('.dm-empty')?.hidden);
  });

  it('"Message" in a group\'s member list opens the DM with that member, never for yourself', async () => {
    notify(DidChangeGroups, { groups: [group()] });
    await open(group().id, group());
    assert.equal($('.member[data-username="alice"] .message-member'), null);
    const button = $('.member[data-username="bob"] .message-member') as HTMLButtonElement;
    assert.equal(button.getAttribute('aria-label'), 'Message bob');
    button.click();
    assert.deepEqual(t.postedWith(Commands.runAction).at(-1)?.params, { action: 'messageMember', groupId: group().id, username: 'bob' });
  });

  it('an @mention of someone else in a message opens the DM with them on click; your own does not', async () => {
    notify(DidChangeGroups, { groups: [group()] });
    await open(group().id, group(), [message(1, { body: 'ask @carol or @alice' })]);
    const carol = [...root.querySelectorAll('.message .mention')].find((m) => m.textContent === '@carol') as HTMLElement;
    assert.equal(carol.title, 'Message carol');
    carol.click();
    assert.deepEqual(t.postedWith(Commands.runAction).at(-1)?.params, { action: 'messageMember', groupId: group().id, username: 'carol' });
    const before = t.postedWith(Commands.runAction).length;
    ([...root.querySelectorAll('.message .mention')].find((m) => m.textContent === '@alice') as HTMLElement).click();
    assert.equal(t.postedWith(Commands.runAction).length, before);
  });

  it('a DM\'s header shows the person and their key trust, no admin actions, and Leave conversation', async () => {
    notify(DidChangeGroups, { groups: [group(), dmWithBob()] });
    await open(DM_ID, dmWithBob());
    assert.equal($('.chat-title')?.textContent, 'bob');
    assert.equal($('.chat-topic')?.textContent, 'Direct message · keys verified by safety number');
    const labels = [...root.querySelectorAll('.overflow-menu [role="menuitem"], .overflow-menu button')].map((b) => b.textContent);
    assert.ok(labels.includes('Leave conversation…'), labels.join(', '));
    for (const admin of ['Add member…', 'Rename group…', 'Set topic…', 'Delete group…', 'Leave group…']) assert.ok(!labels.includes(admin), admin);
    assert.equal($('.member .message-member'), null, 'no "Message" inside the DM itself');
    assert.equal($('.member .remove'), null);
    assert.equal($('.member .admin-toggle'), null);
    notify(DidChangeGroup, { group: dmWithBob({ members: [dmWithBob().members[0]!, { username: 'bob', isAdmin: false, isMe: false, keyTrust: 'pinned' }] }) });
    assert.equal($('.chat-topic')?.textContent, 'Direct message · keys pinned, not verified yet');
  });

  it('an ended DM says so instead of asking for a rotation, and offers no rotation', async () => {
    const ended = dmWithBob({ dm: { with: 'bob', ended: true }, needsRotation: true, members: [dmWithBob().members[0]!] });
    notify(DidChangeGroups, { groups: [ended] });
    await open(DM_ID, ended);
    const banner = $('.rotation-banner');
    assert.equal(banner?.hidden, false);
    assert.match(banner?.textContent ?? '', /This conversation has ended/);
    assert.equal(banner?.querySelector('vscode-button, button'), null, 'no Rotate now');
    const labels = [...root.querySelectorAll('.overflow-menu [role="menuitem"], .overflow-menu button')].map((b) => b.textContent);
    assert.ok(!labels.includes('Rotate key'));
    assert.equal($('.chat-topic')?.textContent, 'Direct message · they left');
  });

  it('"Message…" beside the Direct messages heading asks the host for the palette\'s picker', () => {
    notify(DidChangeGroups, { groups: [group()] });
    assert.equal($('.dm-empty')?.hidden, false);
    const button = [...root.querySelectorAll('.dms-heading vscode-button, .dms-heading button')].find((b) => b.textContent === 'Message…') as HTMLElement;
    button.click();
    assert.deepEqual(t.postedWith(Commands.runAction).at(-1)?.params, { action: 'messageMember' });
  });
});
