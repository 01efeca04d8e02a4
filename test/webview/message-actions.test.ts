// Replying, editing, deleting and reacting from the chat panel, against a fake host.
import * as assert from 'node:assert/strict';
import {
  DidArriveMessage,
  DidChangeGroup,
  DidChangeGroups,
  DidChangeSession,
  Requests,
} from '../../common/webview-protocol';
import { settle } from './support/dom';
import type { FakeTransport } from './support/fake-transport';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

describe('webview message actions', () => {
  let mounted: MountedApp;
  let dom: MountedApp['dom'];
  let t: FakeTransport;
  let $: MountedApp['$'];
  let notify: MountedApp['notify'];

  beforeEach(() => {
    mounted = mountChatApp();
    ({ dom, t, $, notify } = mounted);
  });
  afterEach(() => mounted.close());
  const bobs = message(1);
  const mine = message(2, { sender: 'alice', isMine: true, body: 'my first try' });
  const key = (el: Element, k: string) => {
    const e = new dom.window.KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true });
    el.dispatchEvent(e as unknown as Event);
    return e;
  };

  async function openBackend(messages = [bobs, mine], g = group()) {
    notify(DidChangeSession, { session: { state: 'online', username: 'alice' } });
    notify(DidChangeGroups, { groups: [g] });
    ($('.group-item') as HTMLButtonElement).click();
    t.reply(Requests.openGroup, { group: g, messages, hasMore: false });
    await settle();
  }
  const article = (m: { msgId: string }) => $(`.message[data-msg-id="${m.msgId}"]`)!;
  const action = (m: { msgId: string }, label: string) => article(m).querySelector(`.message-actions [aria-label="${label}"]`) as HTMLButtonElement | null;

  it('offers Reply on every message but Edit and Delete only on your own', async () => {
    await openBackend();
    assert.equal(article(bobs).querySelector('.message-actions')?.getAttribute('role'), 'toolbar');
    assert.ok(action(bobs, 'Reply'));
    assert.equal(action(bobs, 'Edit'), null);
    assert.equal(action(bobs, 'Delete'), null);
    assert.ok(action(mine, 'Edit'));
    assert.ok(action(mine, 'Delete'));
  });

  it('quotes the target above the send box and sends the reply with replyTo', async () => {
    await openBackend();
    action(bobs, 'Reply')!.click();
    const bar = $('.reply-bar')!;
    assert.equal(bar.hidden, false);
    assert.match(bar.textContent ?? '', /Replying to bob.*message 1/);
    const box = $('#send-box') as HTMLElement & { value: string };
    box.value = 'agreed';
    key(box, 'Enter');
    assert.deepEqual(t.postedWith(Requests.send)[0]?.params, { groupId: group().id, body: 'agreed', replyTo: bobs.msgId, msgId: t.postedWith(Requests.send)[0]?.params.msgId });
    t.reply(Requests.send, { msgId: 'f'.repeat(32) });
    await settle();
    assert.equal(bar.hidden, true);
  });

  it('cancels a reply with Escape, so the next send is a plain message', async () => {
    await openBackend();
    action(bobs, 'Reply')!.click();
    const box = $('#send-box') as HTMLElement & { value: string };
    key(box, 'Escape');
    assert.equal($('.reply-bar')!.hidden, true);
    box.value = 'plain';
    key(box, 'Enter');
    assert.deepEqual(t.postedWith(Requests.send)[0]?.params, { groupId: group().id, body: 'plain', msgId: t.postedWith(Requests.send)[0]?.params.msgId });
  });

  it('shows a reply with a quote of the original that jumps to it', async () => {
    const reply = message(3, { body: 'me too', replyTo: bobs.msgId });
    await openBackend([bobs, mine, reply]);
    const quote = article(reply).querySelector('.reply-quote') as HTMLButtonElement;
    assert.match(quote.getAttribute('aria-label') ?? '', /In reply to bob: message 1/);
    quote.click();
    assert.equal(dom.document.activeElement, article(bobs));
  });

  it('edits your own message inline: Enter saves, Escape cancels', async () => {
    await openBackend();
    action(mine, 'Edit')!.click();
    const box = article(mine).querySelector('.edit-box') as HTMLElement & { value: string };
    assert.equal(box.value, 'my first try');
    key(box, 'Escape');
    assert.equal(article(mine).querySelector('.edit-box'), null);
    assert.equal(article(mine).querySelector('.body')?.textContent, 'my first try');
    assert.equal(t.postedWith(Requests.edit).length, 0);

    action(mine, 'Edit')!.click();
    const again = article(mine).querySelector('.edit-box') as HTMLElement & { value: string };
    again.value = 'my second try';
    assert.equal(key(again, 'Enter').defaultPrevented, true);
    assert.deepEqual(t.postedWith(Requests.edit)[0]?.params, { groupId: group().id, msgId: mine.msgId, body: 'my second try' });
    t.reply(Requests.edit, { msgId: 'e'.repeat(32) });
    notify(DidArriveMessage, { groupId: group().id, message: { ...mine, body: 'my second try', edited: true } });
    await settle();
    assert.equal(article(mine).querySelector('.body')?.textContent, 'my second try');
    assert.equal(article(mine).querySelector('.mark-edited')?.textContent, 'edited');
  });

  it('deletes your own message only after you confirm', async () => {
    await openBackend();
    action(mine, 'Delete')!.click();
    const confirm = article(mine).querySelector('.confirm-delete')!;
    assert.equal(confirm.getAttribute('role'), 'alertdialog');
    ([...confirm.querySelectorAll('vscode-button')].find((b) => b.textContent === 'Cancel') as HTMLElement).click();
    assert.equal(article(mine).querySelector('.confirm-delete'), null);
    assert.equal(t.postedWith(Requests.delete).length, 0);

    action(mine, 'Delete')!.click();
    ([...article(mine).querySelectorAll('.confirm-delete vscode-button')].find((b) => b.textContent === 'Delete') as HTMLElement).click();
    assert.deepEqual(t.postedWith(Requests.delete)[0]?.params, { groupId: group().id, msgId: mine.msgId });
  });

  it('reacts, shows counts with who reacted, and pressing your own reaction takes it back', async () => {
    await openBackend();
    action(bobs, 'React with 🎉')!.click();
    assert.deepEqual(t.postedWith(Requests.react)[0]?.params, { groupId: group().id, msgId: bobs.msgId, reaction: '🎉' });
    t.reply(Requests.react, { msgId: 'r'.repeat(32) });
    notify(DidArriveMessage, { groupId: group().id, message: { ...bobs, reactions: { '🎉': ['carol', 'alice'] } } });
    await settle();
    const pill = article(bobs).querySelector('.reactions .reaction') as HTMLButtonElement;
    assert.equal(pill.textContent, '🎉2');
    assert.equal(pill.getAttribute('aria-label'), '🎉 2: carol, you. Press to take back your reaction');
    assert.equal(pill.getAttribute('aria-pressed'), 'true');
    assert.equal(action(bobs, 'React with 🎉'), null, 'already reacted: not offered again in the toolbar');
    pill.click();
    assert.equal(t.postedWith(Requests.react).length, 2);
    assert.deepEqual(t.postedWith(Requests.react)[1]?.params, { groupId: group().id, msgId: bobs.msgId, reaction: '🎉' });
  });

  it('lets an admin make a member admin or remove admin, and explains last_admin', async () => {
    await openBackend();
    const makeAdmin = $('.member[data-username="bob"] .admin-toggle') as HTMLButtonElement;
    assert.equal(makeAdmin.textContent, 'Make admin');
    assert.equal($('.member[data-username="alice"] .admin-toggle'), null, 'not on yourself');
    makeAdmin.click();
    assert.deepEqual(t.postedWith(Requests.setAdmin)[0]?.params, { groupId: group().id, username: 'bob', admin: true });
    t.reply(Requests.setAdmin, undefined);
    const both = group({ members: group().members.map((m) => ({ ...m, isAdmin: true })) });
    notify(DidChangeGroup, { group: both });
    await settle();
    const removeAdmin = $('.member[data-username="bob"] .admin-toggle') as HTMLButtonElement;
    assert.equal(removeAdmin.textContent, 'Remove admin');
    removeAdmin.click();
    assert.deepEqual(t.postedWith(Requests.setAdmin)[1]?.params, { groupId: group().id, username: 'bob', admin: false });
    t.replyError(Requests.setAdmin, 'A group keeps at least one admin; make another member admin first.');
    await settle();
    assert.equal($('.member-error')?.getAttribute('role'), 'alert');
    assert.equal($('.member-error')?.textContent, 'A group keeps at least one admin; make another member admin first.');
  });

  it('shows no admin buttons to a member who is not admin', async () => {
    await openBackend([bobs], group({ isAdmin: false }));
    assert.equal($('.admin-toggle'), null);
  });
});
