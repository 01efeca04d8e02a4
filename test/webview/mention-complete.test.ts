// "@" completes the open group's members in the send box and in an edit box, typed as a person
// does (fast, one key after the other): the list narrows as you type, prefix matches first,
// Enter or Tab or a click puts "@name " in, Escape leaves the text alone, and while the list is
// open Enter never sends.
import * as assert from 'node:assert/strict';
import { Requests, type MemberView } from '../../common/webview-protocol';
import type { SavedPanel } from '../../webview/panel-memory';
import { settle } from './support/dom';
import type { FakeTransport } from './support/fake-transport';
import { keyboard, type Keyboard } from './support/keyboard';
import { defineCaretTextarea, type CaretField } from './support/caret-textarea';
import { defineLitLikeTextarea } from './support/lit-like-textarea';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

const member = (username: string, over: Partial<MemberView> = {}): MemberView => ({ username, isAdmin: false, isMe: false, keyTrust: 'pinned', ...over });
const members = [member('alice', { isMe: true, isAdmin: true }), member('bobby'), member('jimbo'), member('bob'), member('abbot'), member('carol')];

describe('webview @mention completion', () => {
  let mounted: MountedApp;
  let t: FakeTransport;
  let $: MountedApp['$'];
  let keys: Keyboard;
  const mine = message(2, { sender: 'alice', isMine: true, body: 'see you' });

  async function open(list: MemberView[] = members, beforeMount = defineLitLikeTextarea): Promise<void> {
    mounted = mountChatApp({ beforeMount });
    ({ t, $ } = mounted);
    keys = keyboard(mounted.dom.window);
    await mounted.openChat(group({ members: list }), [message(1), mine]);
  }
  afterEach(() => mounted.close());

  const box = () => $('#send-box') as HTMLElement & { value: string };
  const popup = () => $('.completions') as HTMLElement | null;
  const shown = () => (popup() && !popup()!.hidden ? [...popup()!.querySelectorAll('[role="option"]')].map((o) => o.textContent) : []);
  const active = () => mounted.dom.document.getElementById(box().getAttribute('aria-activedescendant') ?? '')?.textContent;
  const sent = () => t.postedWith(Requests.send).map((m) => m.params.body);
  /** Every message queued by an Enter, in order, sent or still waiting for the one before. */
  const queued = () => [...mounted.root.querySelectorAll('.pending-message .body')].map((b) => b.textContent);

  it('lists matching members as you type, names starting with it first, never yourself', async () => {
    await open();
    keys.type('hi @');
    assert.deepEqual(shown(), ['abbot', 'bob', 'bobby', 'carol', 'jimbo'], 'a bare "@" offers everyone but you');
    assert.equal(popup()!.getAttribute('role'), 'listbox');
    keys.type('BO');
    assert.deepEqual(shown(), ['bob', 'bobby', 'abbot', 'jimbo'], 'case does not matter; "abbot" and "jimbo" only contain it, so they come after');
    assert.equal(active(), 'bob');
    keys.type('bb');
    assert.deepEqual(shown(), ['bobby']);
    keys.type('x');
    assert.deepEqual(shown(), [], 'no member matches: the list goes');
  });

  it('moves with ArrowDown/Up, puts "@name " in with Enter, and sends only on the next Enter', async () => {
    await open();
    keys.type('hi @bo');
    keys.press('ArrowDown');
    assert.equal(active(), 'bobby');
    keys.press('ArrowDown');
    keys.press('ArrowDown');
    keys.press('ArrowDown');
    assert.equal(active(), 'bob', 'round from the last back to the first');
    keys.press('ArrowUp');
    assert.equal(active(), 'jimbo');
    assert.equal(keys.press('Enter').defaultPrevented, true);
    assert.equal(box().value, 'hi @jimbo ');
    assert.equal((t.getState() as SavedPanel).draft?.text, 'hi @jimbo ', 'the draft kept for a reload has the name in');
    assert.deepEqual(sent(), [], 'the Enter that picked did not send');
    assert.deepEqual(shown(), []);
    keys.type('ok\n');
    assert.deepEqual(sent(), ['hi @jimbo ok']);
  });

  it('puts the name in with Tab too, and with a click on it', async () => {
    await open();
    keys.type('@car');
    keys.press('Tab');
    assert.equal(box().value, '@carol ');
    keys.type('and @jim');
    (popup()!.querySelector('[role="option"]') as HTMLElement).click();
    assert.equal(box().value, '@carol and @jimbo ');
    assert.equal(mounted.dom.document.activeElement, box(), 'focus stays in the box');
  });

  it('closes on Escape and leaves the text as typed; Enter then sends it', async () => {
    await open();
    keys.type('ping @bo');
    assert.equal(keys.press('Escape').defaultPrevented, true);
    assert.deepEqual(shown(), []);
    assert.equal(box().value, 'ping @bo');
    keys.press('Enter');
    assert.deepEqual(sent(), ['ping @bo']);
  });

  it('does not open inside a word (an e-mail address) or without a match, so Enter sends as usual', async () => {
    await open();
    keys.type('mail me@bo');
    assert.deepEqual(shown(), []);
    keys.type('\n@zed\n');
    assert.deepEqual(queued(), ['mail me@bo', '@zed']);
  });

  it('loses no key and queues every Enter when typing fast through the list opening and closing', async () => {
    await open();
    keys.type('one @bo\ntwo\nthree @c');
    keys.press('Tab');
    keys.type('@x\n@b');
    keys.press('Escape');
    keys.type('\nfour\n');
    assert.deepEqual(sent(), ['one @bob two'], 'one send at a time; the rest wait in the queue');
    assert.deepEqual(queued(), ['one @bob two', 'three @carol @x', '@b', 'four']);
    assert.equal(box().value, '');
  });

  it('completes in the edit box of your message, where the Enter that picks does not save', async () => {
    await open();
    keys.press('ArrowUp');
    await settle();
    const edit = $('.edit-box') as HTMLElement & { value: string };
    assert.equal(mounted.dom.document.activeElement, edit);
    keys.type(' @ca');
    assert.deepEqual(shown(), ['carol']);
    keys.press('Enter');
    assert.equal(edit.value, 'see you @carol ');
    assert.equal(t.postedWith(Requests.edit).length, 0);
    keys.press('Enter');
    assert.deepEqual(t.postedWith(Requests.edit)[0]?.params.body, 'see you @carol');
  });

  it('completes at the caret inside the text, and lets Enter send once the caret left the name', async () => {
    await open(members, defineCaretTextarea);
    const field = box() as CaretField;
    // The test keyboard types at the end only: "@ca" typed inside "see later" is put in by hand.
    field.value = 'see @ca later';
    field.wrappedElement.setSelectionRange(7, 7);
    field.dispatchEvent(new mounted.dom.window.Event('input', { bubbles: true }) as unknown as Event);
    assert.deepEqual(shown(), ['carol']);
    keys.press('Enter');
    assert.equal(field.value, 'see @carol  later');
    assert.equal(field.wrappedElement.selectionStart, 11, 'the caret is after the name');

    keys.type(' @bo');
    assert.notDeepEqual(shown(), []);
    field.wrappedElement.setSelectionRange(0, 0);
    keys.press('Enter');
    assert.deepEqual(sent(), ['see @carol  later @bo'], 'the caret left "@bo" (no key said so): Enter sends');
  });

  it('follows the caret moved by a click or the arrow keys to another name being typed', async () => {
    await open(members, defineCaretTextarea);
    const field = box() as CaretField;
    keys.type('@bo and @ca');
    assert.deepEqual(shown(), ['carol']);
    field.wrappedElement.setSelectionRange(3, 3);
    field.click();
    assert.deepEqual(shown(), ['bob', 'bobby', 'abbot', 'jimbo'], 'a click after "@bo" shows its names');
    keys.press('Enter');
    assert.equal(field.value, '@bob  and @ca', '"@bo" was completed, not "@ca"');
    field.wrappedElement.setSelectionRange(field.value.length, field.value.length);
    keys.press('End');
    field.dispatchEvent(new mounted.dom.window.KeyboardEvent('keyup', { key: 'End', bubbles: true }) as unknown as Event);
    assert.deepEqual(shown(), ['carol'], 'End back after "@ca" shows its name again');
  });

  it('never puts a name shown for one "@" in place of another the caret went to unseen', async () => {
    await open(members, defineCaretTextarea);
    const field = box() as CaretField;
    keys.type('@bo and @ca');
    field.wrappedElement.setSelectionRange(3, 3);
    keys.press('Enter');
    assert.deepEqual(sent(), ['@bo and @ca'], 'not "@carol  and @ca": the list was for "@ca", so the Enter is the box\'s');
  });

  it('shows a hostile member name as text, never as markup', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    await open([member('alice', { isMe: true }), member(hostile)]);
    keys.type('@');
    assert.deepEqual(shown(), [hostile]);
    assert.equal(popup()!.querySelector('img'), null);
  });
});
