// The whole panel in a DOM, talking to a fake host through the transport.
import * as assert from 'node:assert/strict';
import {
  Commands,
  DidArriveMessage,
  DidChangeGroup,
  DidChangeGroups,
  DidChangeSession,
  DidChangeVisibility,
  Requests,
} from '../../common/webview-protocol';
import { settle } from './support/dom';
import type { FakeTransport } from './support/fake-transport';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

describe('webview ChatApp', () => {
  let mounted: MountedApp;
  let dom: MountedApp['dom'];
  let t: FakeTransport;
  let root: HTMLElement;
  let $: MountedApp['$'];
  let notify: MountedApp['notify'];

  beforeEach(() => {
    mounted = mountChatApp();
    ({ dom, t, root, $, notify } = mounted);
  });
  afterEach(() => mounted.close());

  async function openBackend(messages = [message(1), message(2, { sender: 'alice', isMine: true })], hasMore = false) {
    notify(DidChangeSession, { session: { state: 'online', username: 'alice', serverUrl: 'https://chat.example.com' } });
    notify(DidChangeGroups, { groups: [{ ...group(), unread: 3 }] });
    ($('.group-item') as HTMLButtonElement).click();
    t.reply(Requests.openGroup, { group: group(), messages, hasMore });
    await settle();
  }

  it('says ready first, and offers sign-in while signed out', () => {
    assert.equal((t.posted[0] as { method: string }).method, 'webview/ready');
    assert.match($('.session-bar')?.textContent ?? '', /Signed out/);
    assert.ok($('.groups')?.hidden);
    const signIn = [...root.querySelectorAll('.session-actions vscode-button')].find((b) => b.textContent === 'Sign In') as HTMLElement;
    signIn.click();
    assert.deepEqual(t.postedWith(Commands.runAction)[0]?.params, { action: 'signIn' });
  });

  it('lists groups with unread counts, and opens a chat with its history and members', async () => {
    await openBackend();
    const item = $('.group-item')!;
    assert.equal(item.getAttribute('aria-current'), 'true');
    assert.equal($('.chat-title')?.textContent, 'backend');
    assert.deepEqual([...root.querySelectorAll('.message .body')].map((b) => b.textContent), ['message 1', 'message 2']);
    assert.equal($('.message-log')?.getAttribute('aria-live'), 'polite');
    assert.equal($('.member[data-username="alice"] .mark-admin')?.textContent, 'admin');
    assert.deepEqual(t.postedWith(Commands.markRead).at(-1)?.params, { groupId: group().id, seq: 2 });
    assert.equal($('.group-item vscode-badge'), null, 'unread count cleared once opened');
  });

  it('shows the unread badge for a group with news', () => {
    notify(DidChangeSession, { session: { state: 'online', username: 'alice' } });
    notify(DidChangeGroups, { groups: [{ ...group(), unread: 3 }] });
    assert.equal($('.group-item vscode-badge')?.textContent, '3');
    assert.match($('.group-item')?.getAttribute('aria-label') ?? '', /3 unread/);
  });

  it('sends with Enter, keeps Shift+Enter for a new line, and clears the box once sent', async () => {
    await openBackend();
    const box = $('#send-box') as HTMLElement & { value: string };
    box.value = 'hello @bob';
    const shift = new dom.window.KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, cancelable: true });
    box.dispatchEvent(shift as unknown as Event);
    assert.equal(shift.defaultPrevented, false);
    assert.equal(t.postedWith(Requests.send).length, 0);
    const enter = new dom.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    box.dispatchEvent(enter as unknown as Event);
    assert.equal(enter.defaultPrevented, true);
    const { msgId, ...params } = t.postedWith(Requests.send)[0]!.params;
    assert.deepEqual(params, { groupId: group().id, body: 'hello @bob' });
    assert.match(msgId ?? '', /^[0-9a-f]{32}$/, 'the msgId is chosen when the message is queued');
    t.reply(Requests.send, { msgId: 'f'.repeat(32) });
    await settle();
    assert.equal(box.value, '');
  });

  it('keeps a message that could not be sent on screen, with why (the box is free for the next one)', async () => {
    await openBackend();
    const box = $('#send-box') as HTMLElement & { value: string };
    box.value = 'hello';
    box.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }) as unknown as Event);
    t.replyError(Requests.send, 'A member left this group: rotate the group key, then send again.');
    await settle();
    assert.equal(box.value, '');
    assert.equal($('.pending-message.failed .body')?.textContent, 'hello');
    assert.match($('.pending-message.failed .pending-error')?.textContent ?? '', /rotate the group key/);
  });

  it('adds live messages in seq order and updates an edited one in place', async () => {
    await openBackend();
    notify(DidArriveMessage, { groupId: group().id, message: message(4) });
    notify(DidArriveMessage, { groupId: group().id, message: message(3) });
    notify(DidArriveMessage, { groupId: group().id, message: message(1, { body: 'message 1 (fixed)', edited: true }) });
    const seqs = [...root.querySelectorAll('.message')].map((m) => (m as HTMLElement).dataset.seq);
    assert.deepEqual(seqs, ['1', '2', '3', '4']);
    assert.equal($('.message[data-seq="1"] .body')?.textContent, 'message 1 (fixed)');
    assert.ok($('.message[data-seq="1"] .mark-edited'));
  });

  it('leaves messages that arrive while the panel is hidden unread until it is shown again', async () => {
    await openBackend();
    const reads = () => t.postedWith(Commands.markRead).length;
    const before = reads();
    notify(DidChangeVisibility, { visible: false });
    // As the host sends it: the new count, then the message (counted once, not twice).
    notify(DidChangeGroups, { groups: [{ ...group(), unread: 1 }] });
    notify(DidArriveMessage, { groupId: group().id, message: message(3) });
    assert.equal(reads(), before, 'not marked read while hidden');
    assert.equal($('.group-item vscode-badge')?.textContent, '1');
    notify(DidChangeVisibility, { visible: true });
    assert.deepEqual(t.postedWith(Commands.markRead).at(-1)?.params, { groupId: group().id, seq: 3 });
    assert.equal($('.group-item vscode-badge'), null);
  });

  it('loads an older page when scrolled to the top', async () => {
    await openBackend([message(50), message(51)], true);
    const history = $('.history')!;
    history.scrollTop = 0;
    history.dispatchEvent(new dom.window.Event('scroll') as unknown as Event);
    assert.deepEqual(t.postedWith(Requests.loadOlder)[0]?.params, { groupId: group().id, beforeSeq: 50 });
    t.reply(Requests.loadOlder, { messages: [message(48), message(49)], hasMore: false });
    await settle();
    assert.deepEqual([...root.querySelectorAll('.message')].map((m) => (m as HTMLElement).dataset.seq), ['48', '49', '50', '51']);
    assert.ok($('.load-older')?.hidden);
  });

  it('creates a group from the Create form and opens it', async () => {
    notify(DidChangeSession, { session: { state: 'online', username: 'alice' } });
    notify(DidChangeGroups, { groups: [] });
    ([...root.querySelectorAll('.groups-heading vscode-button')][0] as HTMLElement).click();
    assert.equal($('.part-create')?.hidden, false);
    ($('#create-name') as HTMLElement & { value: string }).value = 'design';
    ($('#create-members') as HTMLElement & { value: string }).value = '@Bob, carol';
    ($('.form-buttons vscode-button') as HTMLElement).click();
    assert.deepEqual(t.postedWith(Requests.createGroup)[0]?.params, { name: 'design', members: ['bob', 'carol'] });
    t.reply(Requests.createGroup, { groupId: 'g-new' });
    await settle();
    assert.deepEqual(t.postedWith(Requests.openGroup)[0]?.params, { groupId: 'g-new' });
  });

  it('asks before it creates a second group of a name the user has, and creates it only when told to', async () => {
    notify(DidChangeSession, { session: { state: 'online', username: 'alice' } });
    notify(DidChangeGroups, { groups: [] });
    ([...root.querySelectorAll('.groups-heading vscode-button')][0] as HTMLElement).click();
    ($('#create-name') as HTMLElement & { value: string }).value = 'launch';
    ($('#create-members') as HTMLElement & { value: string }).value = 'bob';
    ($('.form-buttons vscode-button') as HTMLElement).click();
    t.reply(Requests.createGroup, { sameNameExists: true });
    await settle();
    const ask = $('.same-name')!;
    assert.equal(ask.hidden, false);
    assert.equal(ask.querySelector('p')?.textContent, 'You already have a group named launch. Create another?');
    assert.equal(t.postedWith(Requests.openGroup).length, 0, 'nothing opened yet');
    assert.equal(($('#create-name') as HTMLElement & { value: string }).value, 'launch', 'the form keeps what was typed');
    ([...ask.querySelectorAll('vscode-button')].find((b) => b.textContent === 'Create another') as HTMLElement).click();
    assert.deepEqual(t.postedWith(Requests.createGroup).map((m) => m.params), [
      { name: 'launch', members: ['bob'] },
      { name: 'launch', members: ['bob'], allowSameName: true },
    ]);
    assert.equal(ask.hidden, true);
    t.reply(Requests.createGroup, { groupId: 'g-second' });
    await settle();
    assert.deepEqual(t.postedWith(Requests.openGroup)[0]?.params, { groupId: 'g-second' });
  });

  it('lets an admin remove another member from the member list, but not themselves', async () => {
    await openBackend();
    assert.equal($('.member[data-username="alice"] .remove'), null);
    ($('.member[data-username="bob"] .remove') as HTMLButtonElement).click();
    assert.deepEqual(t.postedWith(Commands.runAction).at(-1)?.params, { action: 'removeMember', groupId: group().id, username: 'bob' });
    notify(DidChangeGroup, { group: group({ isAdmin: false }) });
    assert.equal($('.member .remove'), null, 'no Remove for a member who is not an admin');
  });

  it('marks a member whose account a server admin deactivated, next to the Remove an admin has', async () => {
    await openBackend();
    assert.equal($('.member[data-username="bob"] .mark-deactivated'), null);
    notify(DidChangeGroup, { group: group({ members: [...group().members.slice(0, 1), { username: 'bob', isAdmin: false, isMe: false, keyTrust: 'pinned', accountStatus: 'deactivated' }] }) });
    const mark = $('.member[data-username="bob"] .mark-deactivated');
    assert.equal(mark?.textContent, 'deactivated');
    assert.match(mark?.getAttribute('title') ?? '', /remove bob \(rotates the key\)/);
    assert.ok($('.member[data-username="bob"] .remove'));
  });

  it('warns about a member whose keys changed and offers to verify', async () => {
    await openBackend();
    notify(DidChangeGroup, { group: group({ members: [...group().members.slice(0, 1), { username: 'bob', isAdmin: false, isMe: false, keyTrust: 'changed' }] }) });
    const warn = $('.member[data-username="bob"] .key-changed') as HTMLButtonElement;
    assert.match(warn.textContent ?? '', /keys changed/);
    warn.click();
    assert.deepEqual(t.postedWith(Commands.runAction).at(-1)?.params, { action: 'verifyMember', groupId: group().id, username: 'bob' });
  });
});
