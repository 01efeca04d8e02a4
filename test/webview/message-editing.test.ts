// Editing your own message from the keyboard: the edit box takes focus (the real
// <vscode-textarea> renders a microtask late), one edit box at a time, Escape cancels, Enter
// saves, Shift+Enter is a new line, Up-arrow in an empty composer edits your last message,
// and focus goes back to the composer afterwards.
import * as assert from 'node:assert/strict';
import { DidArriveMessage, Requests } from '../../common/webview-protocol';
import { settle } from './support/dom';
import type { FakeTransport } from './support/fake-transport';
import { keyboard, type Keyboard } from './support/keyboard';
import { defineLitLikeTextarea } from './support/lit-like-textarea';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

describe('webview editing a message', () => {
  let mounted: MountedApp;
  let t: FakeTransport;
  let $: MountedApp['$'];
  let keys: Keyboard;
  const first = message(1, { sender: 'alice', isMine: true, body: 'first of mine' });
  const bobs = message(2);
  const last = message(3, { sender: 'alice', isMine: true, body: 'my first try' });

  beforeEach(async () => {
    mounted = mountChatApp({ beforeMount: defineLitLikeTextarea });
    ({ t, $ } = mounted);
    keys = keyboard(mounted.dom.window);
    await mounted.openChat(group(), [first, bobs, last]);
    await settle();
  });
  afterEach(() => mounted.close());

  const focused = () => mounted.dom.document.activeElement;
  const article = (m: { msgId: string }) => $(`.message[data-msg-id="${m.msgId}"]`)!;
  const clickEdit = (m: { msgId: string }) => (article(m).querySelector('.message-actions [aria-label="Edit"]') as HTMLElement).click();
  const editBoxes = () => [...mounted.root.querySelectorAll('.edit-box')] as (HTMLElement & { value: string })[];

  it('focuses the edit box, so typing goes into the edit and Enter saves it, not a new message', async () => {
    clickEdit(last);
    await settle();
    const box = article(last).querySelector('.edit-box') as HTMLElement & { value: string };
    assert.equal(focused(), box, 'the edit box has focus');
    keys.type(', fixed\n');
    assert.deepEqual(t.postedWith(Requests.edit).map((m) => m.params), [{ groupId: group().id, msgId: last.msgId, body: 'my first try, fixed' }]);
    assert.equal(t.postedWith(Requests.send).length, 0, 'nothing posted as a new message');
    t.reply(Requests.edit, { msgId: 'e'.repeat(32) });
    mounted.notify(DidArriveMessage, { groupId: group().id, message: { ...last, body: 'my first try, fixed', edited: true } });
    await settle();
    assert.deepEqual(editBoxes(), []);
    assert.equal(article(last).querySelector('.body')?.textContent, 'my first try, fixed');
    assert.equal(focused(), $('#send-box'), 'focus back in the composer');
  });

  it('cancels with Escape, restoring the text, and gives focus back to the composer', async () => {
    clickEdit(last);
    await settle();
    keys.type(' and more');
    keys.press('Escape');
    assert.deepEqual(editBoxes(), []);
    assert.equal(article(last).querySelector('.body')?.textContent, 'my first try');
    assert.equal(t.postedWith(Requests.edit).length, 0);
    assert.equal(focused(), $('#send-box'));
  });

  it('makes a new line with Shift+Enter instead of saving', async () => {
    clickEdit(last);
    await settle();
    assert.equal(keys.press('Enter', { shiftKey: true }).defaultPrevented, false);
    keys.type('second line\n');
    assert.equal(t.postedWith(Requests.edit)[0]?.params.body, 'my first try\nsecond line');
  });

  it('keeps one edit box at a time: opening a second closes the first', async () => {
    clickEdit(first);
    await settle();
    clickEdit(last);
    await settle();
    assert.equal(editBoxes().length, 1);
    assert.equal(article(first).querySelector('.body')?.textContent, 'first of mine', 'the first edit was put back');
    assert.equal(focused(), article(last).querySelector('.edit-box'));
    keys.type('!\n');
    assert.deepEqual(t.postedWith(Requests.edit).map((m) => m.params.msgId), [last.msgId]);
  });

  it('edits your last message with Up-arrow in an empty composer, and not while the composer has text', async () => {
    assert.equal(focused(), $('#send-box'));
    keys.type('x');
    assert.equal(keys.press('ArrowUp').defaultPrevented, false, 'with text, Up moves the caret as usual');
    assert.deepEqual(editBoxes(), []);
    ($('#send-box') as HTMLElement & { value: string }).value = '';
    assert.equal(keys.press('ArrowUp').defaultPrevented, true);
    await settle();
    assert.equal(editBoxes().length, 1);
    assert.equal(focused(), article(last).querySelector('.edit-box'), 'the last of mine, not bob\'s after my first');
    keys.press('Escape');
    assert.equal(focused(), $('#send-box'));
  });
});
