// Lock with a chat open, then unlock: the panel opens that chat again, with the draft that was
// in its send box, as Slack returns you to where you were.
import * as assert from 'node:assert/strict';
import { DidChangeGroups, DidChangeSession, Requests } from '../../common/webview-protocol';
import { settle } from './support/dom';
import { defineLitLikeTextarea } from './support/lit-like-textarea';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

describe('webview lock and unlock', () => {
  let mounted: MountedApp;
  afterEach(() => mounted.close());

  it('reopens the chat that was open, with its draft, once unlocked; and opens nothing it was not showing', async () => {
    mounted = mountChatApp({ beforeMount: defineLitLikeTextarea });
    const { t, $ } = mounted;
    await mounted.openChat(group(), [message(1)]);
    const box = $('#send-box') as HTMLElement & { value: string };
    box.value = 'half a thought';
    box.dispatchEvent(new mounted.dom.window.Event('input', { bubbles: true }) as unknown as Event);

    mounted.notify(DidChangeSession, { session: { state: 'locked', username: 'alice' } });
    mounted.notify(DidChangeGroups, { groups: [] });
    await settle();
    assert.equal(($('.part-chat') as HTMLElement).hidden, true, 'nothing of the chat shows while locked');
    const opened = t.postedWith(Requests.openGroup).length;

    mounted.notify(DidChangeSession, { session: { state: 'online', username: 'alice' } });
    mounted.notify(DidChangeGroups, { groups: [group()] });
    assert.equal(t.postedWith(Requests.openGroup).length, opened + 1, 'the chat that was open is asked for again');
    t.reply(Requests.openGroup, { group: group(), messages: [message(1)], hasMore: false });
    await settle();
    assert.equal(($('.part-chat') as HTMLElement).hidden, false);
    assert.equal(($('#send-box') as HTMLElement & { value: string }).value, 'half a thought');

    // Locked from the list of groups: unlocking shows the list, nothing is opened.
    ($('.back-to-groups') as HTMLElement).click();
    mounted.notify(DidChangeSession, { session: { state: 'locked', username: 'alice' } });
    mounted.notify(DidChangeSession, { session: { state: 'online', username: 'alice' } });
    const before = t.postedWith(Requests.openGroup).length;
    mounted.notify(DidChangeGroups, { groups: [group()] });
    assert.equal(t.postedWith(Requests.openGroup).length, before);
  });
});
