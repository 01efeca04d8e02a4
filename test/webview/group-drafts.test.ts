// A draft waits in its group: typed in one group, then another opened, it is there again when
// the first is opened (as in Slack), the other group's box starts empty, and drafts of groups
// not open survive a reload. A saved state someone tampered with puts nothing odd in the box.
import * as assert from 'node:assert/strict';
import { DidChangeGroups, DidChangeSession, Requests } from '../../common/webview-protocol';
import type { SavedPanel } from '../../webview/panel-memory';
import { settle } from './support/dom';
import { keyboard } from './support/keyboard';
import { defineLitLikeTextarea } from './support/lit-like-textarea';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

const A = group({ id: '6f1c2a9e-1111-4222-8333-944455556666', name: 'backend' });
const B = group({ id: '7a2d3b0f-2222-4333-8444-a55566667777', name: 'frontend' });

describe('webview drafts per group', () => {
  let mounted: MountedApp;
  afterEach(() => mounted.close());

  async function mount(state?: unknown): Promise<void> {
    mounted = mountChatApp({ beforeMount: defineLitLikeTextarea, ...(state ? { state } : {}) });
    mounted.notify(DidChangeSession, { session: { state: 'online', username: 'alice' } });
    mounted.notify(DidChangeGroups, { groups: [A, B] });
    await settle();
  }
  async function open(g: typeof A): Promise<void> {
    (mounted.root.querySelector(`.group-item[data-group-id="${g.id}"]`) as HTMLButtonElement).click();
    mounted.t.reply(Requests.openGroup, { group: g, messages: [message(1)], hasMore: false });
    await settle();
  }
  const box = () => mounted.$('#send-box') as HTMLElement & { value: string };

  it('keeps what was typed in one group while another is read, and gives it back there', async () => {
    await mount();
    await open(A);
    box().focus();
    keyboard(mounted.dom.window).type('half a thought about the API');
    await open(B);
    assert.equal(box().value, '', "the other group's box starts empty");
    box().focus();
    keyboard(mounted.dom.window).type('css idea');
    await open(A);
    assert.equal(box().value, 'half a thought about the API');
    await open(B);
    assert.equal(box().value, 'css idea');
    const saved = mounted.t.getState() as SavedPanel;
    assert.deepEqual(saved.drafts?.map((d) => d.groupId).sort(), [A.id, B.id].sort());
  });

  it('keeps no draft of a message that was sent: the box is empty when the group is opened again', async () => {
    await mount();
    await open(A);
    box().focus();
    keyboard(mounted.dom.window).type('sent, not a draft\n');
    assert.equal(box().value, '');
    await open(B);
    await open(A);
    assert.equal(box().value, '', 'what was sent does not come back into the box');
    assert.deepEqual((mounted.t.getState() as SavedPanel).drafts ?? [], []);
  });

  it("brings back a group's draft after a reload, for a group that was not the open one", async () => {
    await mount({ selectedGroupId: A.id, drafts: [{ groupId: B.id, text: 'kept over the reload' }] } satisfies SavedPanel);
    await open(B);
    assert.equal(box().value, 'kept over the reload');
  });

  it('ignores drafts in a tampered saved state that are not text', async () => {
    await mount({ drafts: [{ groupId: B.id, text: { toString: 'x' } }, null, 'junk', { groupId: B.id }] });
    await open(B);
    assert.equal(box().value, '');
    await mounted.close();
    await mount({ drafts: 'not a list' });
    await open(A);
    assert.equal(box().value, '');
  });
});
