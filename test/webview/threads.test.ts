// Threads in the chat panel, against a fake host: "Reply in thread" on every message, the
// thread beside the chat (or in its place when narrow) with its own composer and "Also send
// to <group>", the root's summary line, live replies kept out of the timeline, Escape.
import * as assert from 'node:assert/strict';
import { DidArriveMessage, Requests, type ChatMessageView } from '../../common/webview-protocol';
import { settle } from './support/dom';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

describe('webview threads', () => {
  let mounted: MountedApp;
  let $: MountedApp['$'];

  async function mount(width = 1024, messages: ChatMessageView[] = [root, message(2)]): Promise<void> {
    mounted = mountChatApp({ beforeMount: (window) => window.happyDOM.setViewport({ width, height: 700 }) });
    ({ $ } = mounted);
    await mounted.openChat(group(), messages);
  }
  afterEach(() => mounted.close());

  const root = message(1, { body: 'Shall we ship on Friday?' });
  const reply = (seq: number, over: Partial<ChatMessageView> = {}) => message(seq, { sender: 'carol', body: `reply ${seq}`, threadRoot: root.msgId, ...over });
  const key = (el: Element, k: string) => {
    const e = new mounted.dom.window.KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true });
    el.dispatchEvent(e as unknown as Event);
    return e;
  };
  const article = (m: { msgId: string }, within = '.message-log') => $(`${within} .message[data-msg-id="${m.msgId}"]`);
  const panel = () => $('.thread-panel')!;
  const panelShown = () => $('.thread-panel') !== null;

  async function openThread(replies: ChatMessageView[] = [reply(3)], dropped = 0): Promise<void> {
    (article(root)!.querySelector('[aria-label="Reply in thread"]') as HTMLButtonElement).click();
    assert.deepEqual(mounted.t.postedWith(Requests.openThread).at(-1)?.params, { groupId: group().id, msgId: root.msgId });
    mounted.t.reply(Requests.openThread, { root, replies, hasMore: false, dropped });
    await settle();
  }

  it('offers "Reply in thread" on every message and opens the thread beside the chat when wide', async () => {
    await mount();
    for (const m of [root, message(2)]) assert.ok(article(m)!.querySelector('[aria-label="Reply in thread"]'));
    assert.equal(panelShown(), false);
    assert.equal(mounted.root.querySelectorAll('.emoji-button, .send-box').length, 2, 'closed, only the chat\'s own composer is in the page');
    await openThread();
    assert.equal(panelShown(), true);
    assert.equal(panel().dataset.layout, 'beside');
    assert.equal(($('.chat-main') as HTMLElement).hidden, false, 'the chat stays in view');
    assert.ok(article(root, '.thread-root'));
    assert.equal(article(reply(3), '.thread-replies')?.querySelector('.body')?.textContent, 'reply 3');
    assert.equal(article(reply(3), '.thread-replies')?.querySelector('[aria-label="Reply in thread"]'), null, 'threads do not nest');
    assert.deepEqual(mounted.t.postedWith(Requests.markThreadRead).at(-1)?.params, { groupId: group().id, root: root.msgId });
    assert.equal(mounted.dom.document.activeElement, $('#thread-send-box'), 'the thread composer has focus');
  });

  it('replies from the thread composer, with "Also send to <group>" when ticked', async () => {
    await mount();
    await openThread();
    assert.equal($('.also-to-group-label')?.textContent, ' Also send to backend');
    const box = $('#thread-send-box') as HTMLElement & { value: string };
    box.value = 'Friday works';
    key(box, 'Enter');
    const first = mounted.t.postedWith(Requests.send).at(-1)?.params;
    assert.deepEqual(first, { groupId: group().id, body: 'Friday works', msgId: first?.msgId, thread: { root: root.msgId } });
    mounted.t.reply(Requests.send, { msgId: first!.msgId! });
    await settle();
    ($('#thread-also-to-group') as HTMLInputElement).checked = true;
    box.value = 'Telling everyone';
    key(box, 'Enter');
    const second = mounted.t.postedWith(Requests.send).at(-1)?.params;
    assert.deepEqual(second?.thread, { root: root.msgId, alsoToGroup: true });
    mounted.t.reply(Requests.send, { msgId: second!.msgId! });
    await settle();
    assert.equal(($('#thread-also-to-group') as HTMLInputElement).checked, false, 'the choice is for one reply');
  });

  it('keeps a live thread reply out of the timeline, shows it in the open thread, and an also-to-group reply in both', async () => {
    await mount();
    await openThread();
    const only = reply(4);
    const also = reply(5, { alsoToGroup: true });
    mounted.notify(DidArriveMessage, { groupId: group().id, message: only });
    mounted.notify(DidArriveMessage, { groupId: group().id, message: also });
    await settle();
    assert.equal(article(only), null, 'not in the timeline');
    assert.ok(article(only, '.thread-replies'));
    assert.ok(article(also), 'also in the timeline');
    assert.match(article(also)!.textContent ?? '', /replied in a thread/);
    assert.ok(article(also, '.thread-replies'));
    assert.equal($('.thread-count')?.textContent, '3 replies');
    mounted.notify(DidArriveMessage, { groupId: group().id, message: { ...only, body: 'reply 4, edited', edited: true } });
    await settle();
    assert.equal(article(only, '.thread-replies')?.querySelector('.body')?.textContent, 'reply 4, edited');
  });

  it('shows the summary line on the root ("3 replies · bob, carol · 5 min ago", new ones counted) and opens the thread from it', async () => {
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000 - 5_000).toISOString();
    await mount(1024, [{ ...root, thread: { replies: 3, lastRepliers: ['bob', 'carol'], lastReplyAt: fiveMinutesAgo, unread: 2 } }, message(2)]);
    const line = article(root)!.querySelector('.thread-summary') as HTMLButtonElement;
    assert.equal(line.querySelector('.thread-summary-text')?.textContent, '3 replies · bob, carol · 5 min ago');
    assert.equal(line.querySelector('.thread-unread')?.textContent, '2 new');
    assert.equal(article(message(2))!.querySelector('.thread-summary'), null, 'no line without replies');
    line.click();
    assert.deepEqual(mounted.t.postedWith(Requests.openThread).at(-1)?.params, { groupId: group().id, msgId: root.msgId });
    mounted.notify(DidArriveMessage, { groupId: group().id, message: { ...root, thread: { replies: 3, lastRepliers: ['bob', 'carol'], unread: 0 } } });
    await settle();
    assert.equal(article(root)!.querySelector('.thread-unread'), null, 'read once the host says so');
  });

  it('closes with Escape and gives focus back to the chat composer', async () => {
    await mount();
    await openThread();
    key($('#thread-send-box')!, 'Escape');
    assert.equal(panelShown(), false);
    assert.equal(mounted.dom.document.activeElement, $('#send-box'));
  });

  it('opens in the chat\'s place when narrow, and gives it back on close', async () => {
    await mount(500);
    await openThread();
    assert.equal(panel().dataset.layout, 'in-place');
    assert.equal(($('.chat-main') as HTMLElement).hidden, true);
    ($('.thread-close') as HTMLButtonElement).click();
    assert.equal(panelShown(), false);
    assert.equal(($('.chat-main') as HTMLElement).hidden, false);
  });

  it('says how many messages the host left out, and shows hostile names and text as text', async () => {
    await mount();
    const hostile = reply(3, { sender: '<img src=x onerror=alert(1)>', body: '<script>alert(1)</script> \u202Egnp.exe' });
    await openThread([hostile], 2);
    assert.match($('.thread-note')?.textContent ?? '', /2 messages the server gave for this thread are not part of it/);
    assert.equal(panel().querySelector('img, script'), null);
    assert.equal(article(hostile, '.thread-replies')?.querySelector('.sender')?.textContent, '<img src=x onerror=alert(1)>');
  });

  it('shows a refusal from the host in the thread and leaves it closed', async () => {
    await mount();
    (article(root)!.querySelector('[aria-label="Reply in thread"]') as HTMLButtonElement).click();
    mounted.t.replyError(Requests.openThread, 'The message is not among the last 2000 messages of this group.');
    await settle();
    assert.equal(panelShown(), false);
    assert.match($('.chat-main .form-error')?.textContent ?? '', /not among the last 2000 messages/);
  });
});
