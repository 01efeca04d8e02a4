import * as assert from 'node:assert/strict';
import { ChatStore } from '../../webview/chat-store';
import { group, message } from './support/views';

describe('webview ChatStore', () => {
  function storeWithChat() {
    const s = new ChatStore();
    s.setSession({ state: 'online', username: 'alice' });
    s.setGroups([group(), { ...group({ id: 'g2', name: 'alpha' }) }]);
    s.openChat({ group: group(), messages: [message(5), message(3), message(4)], hasMore: true });
    return s;
  }

  it('keeps messages ordered by seq and replaces a new version of the same msgId', () => {
    const s = storeWithChat();
    assert.deepEqual(s.selectedChat?.messages.map((m) => m.seq), [3, 4, 5]);
    s.receiveMessage(group().id, message(4, { body: 'fixed', edited: true }));
    s.receiveMessage(group().id, message(6));
    const chat = s.selectedChat!;
    assert.deepEqual(chat.messages.map((m) => m.seq), [3, 4, 5, 6]);
    assert.equal(chat.messages[1]?.body, 'fixed');
    assert.equal(chat.messages[1]?.edited, true);
  });

  it('sorts groups by name and shows the host\'s unread counts, none for the chat on screen', () => {
    const s = storeWithChat();
    assert.deepEqual(s.groups.map((g) => g.name), ['alpha', 'backend']);
    const counted = (backend: number, alpha: number) => [{ ...group(), unread: backend }, { ...group({ id: 'g2', name: 'alpha' }), unread: alpha }];
    s.setGroups(counted(1, 1));
    s.receiveMessage(group().id, message(7));
    s.receiveMessage('g2', message(1));
    assert.equal(s.groups.find((g) => g.id === group().id)?.unread, 0, 'on screen');
    assert.equal(s.groups.find((g) => g.id === 'g2')?.unread, 1, 'the host counted it; the panel does not count it again');
    s.showPart('create');
    s.setGroups(counted(2, 1));
    s.receiveMessage(group().id, message(8));
    assert.deepEqual(s.groups.map((g) => g.unread), [1, 2]);
  });

  it('prepends an older page without duplicates and records whether more remain', () => {
    const s = storeWithChat();
    s.prependOlder(group().id, [message(1), message(2), message(3)], false);
    assert.deepEqual(s.selectedChat?.messages.map((m) => m.seq), [1, 2, 3, 4, 5]);
    assert.equal(s.selectedChat?.hasMore, false);
  });

  it('forgets everything on sign-out', () => {
    const s = storeWithChat();
    s.setSession({ state: 'signed-out' });
    assert.equal(s.groups.length, 0);
    assert.equal(s.chats.size, 0);
    assert.equal(s.selectedGroupId, undefined);
  });
});
