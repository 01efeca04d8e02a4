// Message links in the chat panel: "Copy link" asks the host for a link naming only the two
// ids, and a link opened by the host shows its group scrolled to the message, highlighted.
import * as assert from 'node:assert/strict';
import { Commands, DidChangeGroups, DidChangeSession, DidFocusGroup, Requests } from '../../common/webview-protocol';
import { settle } from './support/dom';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

describe('webview message links', () => {
  let m: MountedApp;
  beforeEach(() => {
    m = mountChatApp();
    m.notify(DidChangeSession, { session: { state: 'online', username: 'alice' } });
    m.notify(DidChangeGroups, { groups: [group()] });
  });
  afterEach(() => m.close());

  const messages = Array.from({ length: 30 }, (_, i) => message(i + 1, i === 4 ? { body: 'the linked one: **secret plan**' } : {}));
  const linked = messages[4]!;
  const article = (msgId: string) => m.$(`.message[data-msg-id="${msgId}"]`)!;

  it('offers Copy link on every message, and sends the host the group and message ids, no text', async () => {
    (m.$('.group-item') as HTMLButtonElement).click();
    m.t.reply(Requests.openGroup, { group: group(), messages: [linked, message(31, { sender: 'alice', isMine: true })], hasMore: false });
    await settle();
    for (const msg of [linked, message(31)]) assert.ok(article(msg.msgId).querySelector('.message-actions [aria-label="Copy link"]'), `Copy link on ${msg.msgId}`);
    (article(linked.msgId).querySelector('[aria-label="Copy link"]') as HTMLButtonElement).click();
    const sent = m.t.postedWith(Commands.copyMessageLink);
    assert.deepEqual(sent.map((c) => c.params), [{ groupId: group().id, msgId: linked.msgId }]);
    assert.ok(!JSON.stringify(sent).includes('secret'), 'the text of the message never goes into a link');
  });

  it('opens the group a link names, scrolls the message into view, focuses and highlights it for a moment', async () => {
    const scrolled: string[] = [];
    m.dom.window.HTMLElement.prototype.scrollIntoView = function (this: HTMLElement) {
      scrolled.push(this.dataset.msgId ?? '');
    } as never;
    m.notify(DidFocusGroup, { groupId: group().id, msgId: linked.msgId });
    assert.deepEqual(m.t.postedWith(Requests.openGroup).map((r) => r.params), [{ groupId: group().id }]);
    m.t.reply(Requests.openGroup, { group: group(), messages, hasMore: false });
    await settle();
    const target = article(linked.msgId);
    assert.deepEqual(scrolled, [linked.msgId]);
    assert.equal(m.dom.document.activeElement, target);
    assert.ok(target.classList.contains('flash'), 'highlighted');
    assert.equal(m.root.querySelectorAll('.message.flash').length, 1, 'only the linked message');
  });

  it('opens the group and highlights nothing when the message is not among those shown', async () => {
    m.notify(DidFocusGroup, { groupId: group().id, msgId: 'f'.repeat(32) });
    m.t.reply(Requests.openGroup, { group: group(), messages, hasMore: false });
    await settle();
    assert.equal(m.$('.chat-title')?.textContent, 'backend');
    assert.equal(m.root.querySelectorAll('.message.flash').length, 0);
  });
});
