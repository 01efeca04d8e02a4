// The panel's side of notification levels: a muted group says so in My Groups, its unread
// count is dimmed there, and the chat header's Notifications button asks the host for the picker.
import * as assert from 'node:assert/strict';
import { Commands, DidChangeGroups, DidChangeSession, Requests } from '../../common/webview-protocol';
import { settle } from './support/dom';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

describe('webview notification levels', () => {
  let mounted: MountedApp;
  let $: MountedApp['$'];

  beforeEach(() => {
    mounted = mountChatApp();
    ({ $ } = mounted);
    mounted.notify(DidChangeSession, { session: { state: 'online', username: 'alice', serverUrl: 'https://chat.example.com' } });
  });
  afterEach(() => mounted.close());

  it('marks a muted group as muted, with its unread count dimmed, and says so to a screen reader', () => {
    mounted.notify(DidChangeGroups, { groups: [{ ...group(), notify: 'muted', unread: 4 }] });
    const mark = $('.group-item .mark-muted');
    assert.equal(mark?.textContent, 'muted');
    assert.equal(mark?.getAttribute('aria-label'), 'muted');
    assert.equal($('.group-item vscode-badge')?.textContent, '4');
    assert.ok($('.group-item vscode-badge')?.classList.contains('unread-muted'), 'the count is dimmed');
    assert.equal($('.group-item')?.getAttribute('aria-label'), 'backend, muted, 4 unread');
  });

  it('shows no mark for a group at All messages or Mentions only, and its count as usual', () => {
    for (const notify of ['all', 'mentions'] as const) {
      mounted.notify(DidChangeGroups, { groups: [{ ...group(), notify, unread: 2 }] });
      assert.equal($('.group-item .mark-muted'), null);
      assert.equal($('.group-item vscode-badge')?.classList.contains('unread-muted'), false);
      assert.equal($('.group-item')?.getAttribute('aria-label'), 'backend, 2 unread');
    }
  });

  it("has Notifications in the chat header's group menu, which runs the notifications action for this group", async () => {
    mounted.notify(DidChangeGroups, { groups: [group()] });
    $('.group-item')!.click();
    mounted.t.reply(Requests.openGroup, { group: group(), messages: [message(1)], hasMore: false });
    await settle();
    $('.overflow-trigger')!.click();
    const button = [...mounted.root.querySelectorAll('.chat-header [role="menuitem"]')].find((el) => el.textContent === 'Notifications…') as HTMLElement | undefined;
    assert.ok(button, 'the header offers Notifications');
    button.click();
    assert.deepEqual(mounted.t.postedWith(Commands.runAction).at(-1)?.params, { action: 'notifications', groupId: group().id });
  });
});
