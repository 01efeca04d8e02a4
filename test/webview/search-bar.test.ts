// Search in the panel: Ctrl+F (Cmd+F) opens the bar, results follow fast typing without an old
// answer ever showing, matches are <mark> elements around text, Enter or a click opens the chat
// at the message (loading older pages until it is there), and Escape closes.
import * as assert from 'node:assert/strict';
import { DidChangeGroups, DidChangeSession, Requests, type SearchResultView } from '../../common/webview-protocol';
import { settle } from './support/dom';
import { keyboard } from './support/keyboard';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

function result(seq: number, over: Partial<SearchResultView> = {}): SearchResultView {
  return {
    groupId: group().id, groupName: 'backend', msgId: seq.toString(16).padStart(32, '0'), seq, sender: 'bob', time: '2026-11-25T09:00:00.000Z',
    excerpt: { text: `the deploy number ${seq} failed`, ranges: [{ start: 4, end: 10 }] }, ...over,
  };
}

describe('webview search bar', () => {
  let m: MountedApp;
  const bar = () => m.$('.search-bar')!;
  const input = () => m.$('.search-input') as HTMLInputElement;
  const queries = () => m.t.postedWith(Requests.search).map((r) => r.params.query);
  const ctrlF = (mods: { metaKey?: boolean; ctrlKey?: boolean } = { ctrlKey: true }) => {
    const target = (m.dom.document.activeElement ?? m.dom.document.body) as HTMLElement;
    const e = new m.dom.window.KeyboardEvent('keydown', { key: 'f', ...mods, bubbles: true, cancelable: true }) as unknown as KeyboardEvent;
    target.dispatchEvent(e);
    return e;
  };

  /** Types the whole query at once and answers it. */
  const searchFor = async (text: string, results: SearchResultView[]) => {
    input().value = text;
    input().dispatchEvent(new m.dom.window.Event('input', { bubbles: true }) as unknown as Event);
    m.t.reply(Requests.search, results);
    await settle();
  };

  beforeEach(() => {
    m = mountChatApp();
  });
  afterEach(() => m.close());

  it('opens on Ctrl+F or Cmd+F with the cursor in the box, only when signed in', async () => {
    assert.equal(ctrlF().defaultPrevented, false, 'signed out: nothing to search');
    assert.equal(bar().hidden, true);
    await m.openChat();
    assert.equal(ctrlF().defaultPrevented, true, "the browser's own find does not open");
    assert.equal(bar().hidden, false);
    assert.equal(m.dom.document.activeElement, input());
    keyboard(m.dom.window).press('Escape');
    assert.equal(bar().hidden, true);
    ctrlF({ metaKey: true });
    assert.equal(bar().hidden, false);
  });

  it('asks one query at a time while the user types fast, and never shows an older answer', async () => {
    await m.openChat();
    ctrlF();
    keyboard(m.dom.window).type('dep');
    assert.deepEqual(queries(), ['d'], 'one in flight; the rest waits');
    m.t.reply(Requests.search, [result(1, { excerpt: { text: 'stale answer for d', ranges: [] } })]);
    await settle();
    assert.deepEqual(queries(), ['d', 'dep'], 'then only the newest text is asked');
    assert.equal(m.root.querySelectorAll('.search-result').length, 0, 'the answer for "d" was not shown');
    m.t.reply(Requests.search, [result(2), result(3)]);
    await settle();
    const shown = [...m.root.querySelectorAll('.search-result')];
    assert.equal(shown.length, 2);
    assert.match(m.$('.search-status')!.textContent ?? '', /2 results/);
    assert.equal(shown[0]!.querySelector('.search-result-group')!.textContent, 'backend');
    assert.equal(shown[0]!.querySelector('.search-result-sender')!.textContent, 'bob');
    assert.equal(shown[0]!.querySelector('time')!.getAttribute('datetime'), '2026-11-25T09:00:00.000Z');
    assert.deepEqual([...shown[0]!.querySelectorAll('mark')].map((e) => e.textContent), ['deploy']);
    assert.equal(shown[0]!.getAttribute('aria-selected'), 'true');
  });

  it('shows member text as text: markup stays characters, and bad ranges mark nothing', async () => {
    await m.openChat();
    ctrlF();
    keyboard(m.dom.window).type('x');
    const text = '<img src=x onerror=alert(1)> <b>bold</b> \u202eevil';
    m.t.reply(Requests.search, [result(1, { groupName: '<i>g</i>', sender: '<script>', excerpt: { text, ranges: [{ start: 0, end: 4 }, { start: 2, end: 3 }, { start: 40, end: 999 }, { start: -1, end: 2 }] } })]);
    await settle();
    const item = m.$('.search-result')!;
    assert.equal(item.querySelector('img, b, i, script'), null);
    assert.equal(item.querySelector('.search-result-text')!.textContent, text);
    assert.deepEqual([...item.querySelectorAll('mark')].map((e) => e.textContent), ['<img']);
    assert.equal(item.querySelector('.search-result-sender')!.textContent, '<script>');
  });

  it('Enter opens the chat at the result, loading older pages until the message is there, and highlights it', async () => {
    await m.openChat(group(), [message(90), message(91)]);
    ctrlF();
    const kb = keyboard(m.dom.window);
    await searchFor('deploy', [result(12), result(40)]);
    kb.press('ArrowDown');
    assert.equal(m.root.querySelectorAll('.search-result')[1]!.getAttribute('aria-selected'), 'true');
    kb.press('Enter');
    assert.equal(bar().hidden, true);
    m.t.reply(Requests.openGroup, { group: group(), messages: [message(90), message(91)], hasMore: true });
    await settle();
    assert.deepEqual(m.t.postedWith(Requests.loadOlder).map((r) => r.params.beforeSeq), [90]);
    m.t.reply(Requests.loadOlder, { messages: Array.from({ length: 50 }, (_, i) => message(i + 40)), hasMore: true });
    await settle();
    assert.equal(m.t.postedWith(Requests.loadOlder).length, 1, 'the message is there: no more pages');
    const target = m.$(`.message[data-msg-id="${result(40).msgId}"]`)!;
    assert.ok(target.classList.contains('flash'));
    assert.equal(m.dom.document.activeElement, target);
  });

  it('a click opens the result too, and stops loading at its seq when the message is gone', async () => {
    await m.openChat(group(), [message(90)]);
    ctrlF();
    await searchFor('gone', [result(85)]);
    (m.$('.search-result') as HTMLElement).click();
    m.t.reply(Requests.openGroup, { group: group(), messages: [message(90)], hasMore: true });
    await settle();
    m.t.reply(Requests.loadOlder, { messages: [message(80), message(89)], hasMore: true });
    await settle();
    assert.equal(m.t.postedWith(Requests.loadOlder).length, 1, 'past seq 85 without it: it is not there');
    assert.equal(m.root.querySelectorAll('.message.flash').length, 0);
  });

  it('Escape closes the bar and gives focus back to where it was', async () => {
    await m.openChat();
    const composer = m.$('.composer vscode-textarea') as HTMLElement;
    composer.focus();
    ctrlF();
    assert.equal(m.dom.document.activeElement, input());
    keyboard(m.dom.window).press('Escape');
    assert.equal(bar().hidden, true);
    assert.equal(m.dom.document.activeElement, composer);
  });

  it('asks again when reopened with the same text, and says when nothing matches', async () => {
    m.notify(DidChangeSession, { session: { state: 'online', username: 'alice' } });
    m.notify(DidChangeGroups, { groups: [group()] });
    ctrlF();
    keyboard(m.dom.window).type('z');
    m.t.reply(Requests.search, []);
    await settle();
    assert.match(m.$('.search-status')!.textContent ?? '', /No message/);
    keyboard(m.dom.window).press('Escape');
    ctrlF();
    assert.deepEqual(queries(), ['z', 'z']);
  });
});
