// What the reader has seen: the "New messages" divider, Jump to latest, and markRead only up
// to what was scrolled into view, driven by scrolling and clicking as a person does.
import * as assert from 'node:assert/strict';
import { Commands, DidArriveMessage, DidChangeGroups, DidChangeSession, Requests, type ChatMessageView } from '../../common/webview-protocol';
import { settle } from './support/dom';
import { fakeLayout, type FakeLayout } from './support/fake-layout';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

describe('webview read position: new-messages divider and jump to latest', () => {
  let mounted: MountedApp;
  let layout: FakeLayout;
  const $ = (s: string) => mounted.$(s);
  const reads = () => mounted.t.postedWith(Commands.markRead).map((m) => m.params.seq);
  const jump = () => $('.jump-latest')!;
  const row = (seq: number) => $(`.message[data-seq="${seq}"]`)!;
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => message(from + i));

  beforeEach(() => {
    mounted = mountChatApp();
    layout = fakeLayout(mounted);
  });
  afterEach(() => mounted.close());

  async function open(messages: ChatMessageView[], readSeq?: number) {
    mounted.notify(DidChangeSession, { session: { state: 'online', username: 'alice' } });
    mounted.notify(DidChangeGroups, { groups: [{ ...group(), unread: 2 }] });
    ($('.group-item') as HTMLElement).click();
    mounted.t.reply(Requests.openGroup, { group: group(), messages, hasMore: false, ...(readSeq !== undefined ? { readSeq } : {}) });
    await settle();
  }

  it('opens a group with a "New messages" line above the first message not read before', async () => {
    await open([message(1), message(2, { sender: 'alice', isMine: true }), message(3), message(4)], 2);
    const divider = row(3).previousElementSibling as HTMLElement;
    assert.ok(divider.classList.contains('new-divider'));
    assert.equal(divider.textContent, 'New messages');
    assert.equal(mounted.root.querySelectorAll('.new-divider').length, 1);
    assert.deepEqual(reads(), [4], 'all of it was on screen at the bottom');
  });

  it('shows no divider when everything was read', async () => {
    await open(range(1, 3), 3);
    assert.equal($('.new-divider'), null);
  });

  it('while scrolled up: marks nothing read on arrival, shows the divider and Jump to latest, and reads what scrolls into view', async () => {
    await open(range(1, 10));
    assert.deepEqual(reads(), [10]);
    assert.ok(jump().hidden);

    layout.scrollTo(200);
    mounted.notify(DidArriveMessage, { groupId: group().id, message: message(11) });
    mounted.notify(DidArriveMessage, { groupId: group().id, message: message(12) });
    assert.deepEqual(reads(), [10], 'not read: it is below the screen');
    assert.equal(layout.scrollTop(), 200, 'the reader stays where they were');
    assert.ok((row(11).previousElementSibling as HTMLElement).classList.contains('new-divider'));
    assert.equal(jump().hidden, false);
    assert.equal(jump().textContent, 'Jump to latest (2 new)');

    // Scroll until message 11 (rows 1000-1100) shows at the bottom edge; 12 is still below.
    layout.scrollTo(750);
    assert.deepEqual(reads(), [10, 11]);
    assert.equal(jump().textContent, 'Jump to latest (1 new)');

    jump().click();
    assert.deepEqual(reads(), [10, 11, 12]);
    assert.ok(jump().hidden);
    assert.equal(layout.scrollTop(), 900, 'at the bottom');
  });

  it('does not move the divider for messages that arrive while following along at the bottom', async () => {
    await open(range(1, 10));
    mounted.notify(DidArriveMessage, { groupId: group().id, message: message(11) });
    assert.equal($('.new-divider'), null);
    assert.deepEqual(reads(), [10, 11]);
    assert.ok(jump().hidden);
  });

  it('keeps the first divider while more arrive scrolled up, and moves it for news after it was read', async () => {
    await open(range(1, 10));
    layout.scrollTo(0);
    mounted.notify(DidArriveMessage, { groupId: group().id, message: message(11) });
    mounted.notify(DidArriveMessage, { groupId: group().id, message: message(12) });
    assert.equal(mounted.root.querySelectorAll('.new-divider').length, 1);
    assert.ok((row(11).previousElementSibling as HTMLElement).classList.contains('new-divider'));
    jump().click();
    layout.scrollTo(0);
    mounted.notify(DidArriveMessage, { groupId: group().id, message: message(13) });
    assert.ok((row(13).previousElementSibling as HTMLElement).classList.contains('new-divider'));
    assert.equal(mounted.root.querySelectorAll('.new-divider').length, 1);
  });
});
