// Discussions in the chat panel, against a fake host (docs/code-aware-chat.md): the root shows
// who resolved or reopened it; the thread offers Resolve / Reopen, which asks the host; member
// names stay text.
import * as assert from 'node:assert/strict';
import { DidArriveMessage, Requests, type ChatMessageView } from '../../common/webview-protocol';
import { settle } from './support/dom';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

describe('webview discussions', () => {
  let mounted: MountedApp;
  let $: MountedApp['$'];
  afterEach(() => mounted.close());

  const snippet = { path: 'src/retry.ts', startLine: 3, endLine: 4, language: 'typescript', code: 'try {\n  return await fn();' };
  const root = message(1, { body: 'Why no backoff?', snippet });
  const at = new Date().toISOString();

  async function mountWith(messages: ChatMessageView[]): Promise<void> {
    mounted = mountChatApp({ beforeMount: (window) => window.happyDOM.setViewport({ width: 1024, height: 700 }) });
    ({ $ } = mounted);
    await mounted.openChat(group(), messages);
  }

  async function openThread(rootNow: ChatMessageView): Promise<void> {
    ($(`.message-log .message[data-msg-id="${rootNow.msgId}"]`)!.querySelector('[aria-label="Reply in thread"]') as HTMLButtonElement).click();
    mounted.t.reply(Requests.openThread, { root: rootNow, replies: [], hasMore: false, dropped: 0 });
    await settle();
  }

  it('shows "✓ Resolved by" on the root in the chat, as text, and nothing on a message nobody resolved', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    await mountWith([{ ...root, discussion: { resolved: true, by: hostile, at } }, message(2)]);
    const state = $(`.message-log .message[data-msg-id="${root.msgId}"] .discussion-state`);
    assert.equal(state?.textContent, `✓ Resolved by ${hostile} · just now`);
    assert.equal(state?.querySelector('img'), null);
    assert.equal($(`.message-log .message[data-msg-id="${message(2).msgId}"] .discussion-state`), null);
  });

  it('offers Resolve in the thread of a snippet, asks the host, and turns into Reopen when the change arrives', async () => {
    await mountWith([root]);
    await openThread(root);
    const button = () => $('.thread-root .resolve-discussion') as HTMLButtonElement | null;
    assert.equal(button()?.textContent, 'Resolve');
    button()!.click();
    assert.deepEqual(mounted.t.postedWith(Requests.resolve).at(-1)?.params, { groupId: group().id, msgId: root.msgId, resolved: true });
    mounted.t.reply(Requests.resolve, { resolved: true });
    mounted.notify(DidArriveMessage, { groupId: group().id, message: { ...root, discussion: { resolved: true, by: 'bob', at } } });
    await settle();
    assert.equal(button()?.textContent, 'Reopen');
    assert.match($('.thread-root .discussion-state')?.textContent ?? '', /^✓ Resolved by bob/);
    assert.match($(`.message-log .message[data-msg-id="${root.msgId}"] .discussion-state`)?.textContent ?? '', /^✓ Resolved by bob/);
    button()!.click();
    assert.deepEqual(mounted.t.postedWith(Requests.resolve).at(-1)?.params, { groupId: group().id, msgId: root.msgId, resolved: false });
  });

  it('offers no Resolve on a plain text thread nobody marked', async () => {
    const text = message(5, { body: 'lunch?' });
    await mountWith([text]);
    await openThread(text);
    assert.equal($('.thread-root .resolve-discussion'), null);
  });
});
