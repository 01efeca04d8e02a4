// The emoji picker and ":" completion, driven from the keyboard as a person does: the composer's
// emoji button and a message's "Add reaction" open the same picker, its search finds by name and
// keyword, recently used emoji come first and survive a reload, Escape closes it and gives focus
// back, and nothing typed around it is lost or sent early.
import * as assert from 'node:assert/strict';
import { Requests, type ChatMessageView } from '../../common/webview-protocol';
import type { SavedPanel } from '../../webview/panel-memory';
import { RECENT_EMOJI_MAX } from '../../webview/parts/recent-emoji';
import type { FakeTransport } from './support/fake-transport';
import { keyboard, type Keyboard } from './support/keyboard';
import { defineCaretTextarea, type CaretField } from './support/caret-textarea';
import { defineLitLikeTextarea } from './support/lit-like-textarea';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

describe('webview emoji picker', () => {
  let mounted: MountedApp;
  let t: FakeTransport;
  let $: MountedApp['$'];
  let keys: Keyboard;
  const bobs = message(1);

  async function open({ saved, beforeMount = defineLitLikeTextarea, messages = [bobs] }: { saved?: SavedPanel; beforeMount?: typeof defineLitLikeTextarea; messages?: ChatMessageView[] } = {}): Promise<void> {
    mounted = mountChatApp({ beforeMount, state: saved });
    ({ t, $ } = mounted);
    keys = keyboard(mounted.dom.window);
    await mounted.openChat(group(), messages);
  }
  afterEach(() => mounted.close());

  const box = () => $('#send-box') as HTMLElement & { value: string };
  const picker = () => $('.emoji-picker')!;
  const search = () => picker().querySelector('.emoji-search') as HTMLInputElement;
  const focused = () => mounted.dom.document.activeElement;
  const emojiButton = () => $('.composer .emoji-button') as HTMLButtonElement;
  const options = () => [...picker().querySelectorAll('[role="option"]')];
  const firstOptions = (n: number) => options().slice(0, n).map((o) => o.textContent);
  const active = () => mounted.dom.document.getElementById(search().getAttribute('aria-activedescendant') ?? '');
  const sent = () => t.postedWith(Requests.send).map((m) => m.params.body);
  const saved = () => t.getState() as SavedPanel;

  it('opens from the button beside the composer, finds by name, and puts the emoji at the caret', async () => {
    await open();
    keys.type('nice ');
    emojiButton().click();
    assert.equal(picker().hidden, false);
    assert.equal(picker().getAttribute('role'), 'dialog');
    assert.equal(focused(), search(), 'the search box takes focus');
    keys.type('thumbs');
    assert.deepEqual(firstOptions(2), ['👍', '👎']);
    assert.equal(active()?.getAttribute('aria-label'), 'thumbs up');
    keys.press('Enter');
    assert.equal(picker().hidden, true);
    assert.equal(box().value, 'nice 👍');
    assert.equal(focused(), box(), 'focus goes back to where you write');
    assert.deepEqual(sent(), [], 'choosing an emoji sends nothing');
    keys.type('!\n');
    assert.deepEqual(sent(), ['nice 👍!']);
  });

  it('puts the emoji at the caret inside the text, where it was before the picker took focus', async () => {
    await open({ beforeMount: defineCaretTextarea });
    const field = box() as CaretField;
    keys.type('see you');
    field.wrappedElement.setSelectionRange(4, 4);
    emojiButton().click();
    keys.type('waving');
    keys.press('Enter');
    assert.equal(field.value, 'see 👋you');
    assert.equal(field.wrappedElement.selectionStart, 4 + '👋'.length);
  });

  it('finds by keyword and moves through the grid with the arrow keys', async () => {
    await open();
    emojiButton().click();
    keys.type('tada');
    assert.deepEqual(firstOptions(1), ['🎉'], 'found by its keyword "tada"');
    keys.press('Escape');
    emojiButton().click();
    assert.equal(search().value, '', 'the search starts empty each time');
    const all = options();
    assert.equal(active(), all[0]);
    keys.press('ArrowRight');
    assert.equal(active(), all[1]);
    keys.press('ArrowDown');
    assert.equal(active(), all[9], 'down a row of eight');
    keys.press('ArrowUp');
    keys.press('ArrowLeft');
    keys.press('ArrowLeft');
    assert.equal(active(), all[0], 'stops at the first');
    keys.press('Enter');
    assert.equal(box().value, all[0]!.textContent);
  });

  it('draws the whole list a page at a time, as you scroll or arrow down to its end', async () => {
    await open();
    emojiButton().click();
    const grid = picker().querySelector('[role="listbox"]')!;
    const page = options().length;
    assert.ok(page >= 48 && page < 200, `a page first: ${page}`);
    grid.dispatchEvent(new mounted.dom.window.Event('scroll') as unknown as Event);
    assert.equal(options().length, 2 * page, 'the next page once scrolled to the end');
    for (let i = 0; i < (2 * page) / 8; i++) keys.press('ArrowDown');
    assert.ok(options().length > 2 * page, 'and when the arrow keys reach the end');
    assert.equal(active(), options()[2 * page], 'the active one is drawn');
  });

  it('closes on Escape with the text untouched and focus back on its button, and keeps the reply', async () => {
    await open();
    ($(`.message[data-msg-id="${bobs.msgId}"] .message-actions [aria-label="Reply"]`) as HTMLButtonElement).click();
    keys.type('draft');
    emojiButton().click();
    keys.type('smile');
    const esc = keys.press('Escape');
    assert.equal(esc.defaultPrevented, true);
    assert.equal(picker().hidden, true);
    assert.equal(focused(), emojiButton());
    assert.equal(box().value, 'draft');
    assert.equal($('.reply-bar')!.hidden, false, 'the Escape closed only the picker, not the reply');
  });

  it('says so when nothing matches', async () => {
    await open();
    emojiButton().click();
    keys.type('zzqqxx');
    assert.equal(options().length, 0);
    assert.equal((picker().querySelector('.emoji-empty') as HTMLElement).hidden, false);
    keys.press('Enter');
    assert.equal(picker().hidden, false, 'Enter with nothing to choose does nothing');
  });

  it('reacts with any emoji from a message\'s Add reaction button, through the react request', async () => {
    await open();
    const add = $(`.message[data-msg-id="${bobs.msgId}"] .message-actions [aria-label="Add reaction"]`) as HTMLButtonElement;
    add.click();
    assert.match(picker().textContent ?? '', /React to bob's message/);
    keys.type('rocket');
    keys.press('Enter');
    assert.deepEqual(t.postedWith(Requests.react).map((m) => m.params), [{ groupId: group().id, msgId: bobs.msgId, reaction: '🚀' }]);
    assert.equal(box().value, '', 'a reaction puts nothing in the composer');
    add.click();
    keys.press('Escape');
    assert.equal(focused(), add, 'focus goes back to the button that opened it');
    assert.equal(t.postedWith(Requests.react).length, 1);
  });

  it('puts recently used emoji first, keeps them over a reload, and keeps no more than the cap', async () => {
    await open();
    for (const name of ['rocket', 'party popper']) {
      emojiButton().click();
      keys.type(name);
      keys.press('Enter');
    }
    assert.deepEqual(saved().recentEmoji, ['🎉', '🚀']);
    emojiButton().click();
    assert.deepEqual(firstOptions(3), ['🎉', '🚀', '😀'], 'recent first, newest first, then the rest');
    keys.press('Escape');
    keys.type('x');
    assert.deepEqual(saved().recentEmoji, ['🎉', '🚀'], 'remembering the draft keeps the recent emoji');
    const state = saved();
    await mounted.close();

    await open({ saved: state });
    emojiButton().click();
    assert.deepEqual(firstOptions(2), ['🎉', '🚀']);
    keys.type('rock');
    assert.equal(firstOptions(1)[0], '🚀', 'a recent one that matches comes first');
    keys.press('Escape');
    // Each time one more to the right, below the rows the recent ones take: a new one each time.
    for (let i = 0; i < RECENT_EMOJI_MAX + 2; i++) {
      emojiButton().click();
      for (let k = 0; k < 4; k++) keys.press('ArrowDown');
      for (let k = 0; k < i; k++) keys.press('ArrowRight');
      keys.press('Enter');
    }
    const recent = saved().recentEmoji ?? [];
    assert.equal(recent.length, RECENT_EMOJI_MAX);
    assert.equal(new Set(recent).size, RECENT_EMOJI_MAX);
    assert.equal(recent[0], box().value.slice(-recent[0]!.length), 'the newest is the one chosen last');
  });

  it('shows a recent emoji from a tampered saved state as text, never as markup', async () => {
    await open({ saved: { recentEmoji: ['<img src=x onerror=alert(1)>', '🚀'] } });
    emojiButton().click();
    assert.equal(picker().querySelector('img'), null);
    assert.deepEqual(firstOptions(1), ['🚀'], 'what is not an emoji the panel knows is not offered');
  });

  it('names a hostile sender in the reaction picker\'s title as text, never as markup', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    await open({ messages: [message(1, { sender: hostile })] });
    ($('.message-actions [aria-label="Add reaction"]') as HTMLButtonElement).click();
    assert.equal(picker().querySelector('.emoji-title')?.textContent, `React to ${hostile}'s message`);
    assert.equal(picker().querySelector('img'), null);
  });

  it('completes ":thu" in the box: Enter puts the emoji in and does not send; fast typing loses nothing', async () => {
    await open();
    keys.type('great :thu');
    const list = $('.completions')!;
    assert.equal(list.hidden, false);
    assert.equal(list.querySelector('[role="option"]')?.getAttribute('aria-label'), 'thumbs up');
    keys.press('Enter');
    assert.equal(box().value, 'great 👍');
    assert.deepEqual(sent(), []);
    keys.type(' at 10:30 :) :p\nnext\n');
    assert.deepEqual([...mounted.root.querySelectorAll('.pending-message .body')].map((b) => b.textContent), ['great 👍 at 10:30 :) :p', 'next']);
    assert.deepEqual(saved().recentEmoji, ['👍'], 'a completed emoji counts as used');
  });
});
