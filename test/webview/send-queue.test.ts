// Typing "one⏎two⏎three" fast, as a person does, while the host has not answered the first
// send: every Enter queues its text at once and clears the box, the sends go out one after the
// other in order, and a failed one stays on screen with its error and Retry.
import * as assert from 'node:assert/strict';
import { DidArriveMessage, Requests } from '../../common/webview-protocol';
import { settle } from './support/dom';
import type { FakeTransport } from './support/fake-transport';
import { keyboard, type Keyboard } from './support/keyboard';
import { defineLitLikeTextarea } from './support/lit-like-textarea';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

describe('webview sending while typing', () => {
  let mounted: MountedApp;
  let t: FakeTransport;
  let $: MountedApp['$'];
  let keys: Keyboard;

  beforeEach(async () => {
    mounted = mountChatApp({ beforeMount: defineLitLikeTextarea });
    ({ t, $ } = mounted);
    keys = keyboard(mounted.dom.window);
    await mounted.openChat(group(), [message(1)]);
  });
  afterEach(() => mounted.close());

  const box = () => $('#send-box') as HTMLElement & { value: string };
  const sent = () => t.postedWith(Requests.send).map((m) => m.params.body);
  const pending = () => [...mounted.root.querySelectorAll('.pending-message')].map((el) => ({
    body: el.querySelector('.body')?.textContent,
    status: el.querySelector('.pending-status')?.textContent,
  }));
  /** The host confirms the send in flight: the message arrives, then the answer. */
  function confirm(seq: number): void {
    const body = sent().at(-1)!;
    const msgId = seq.toString(16).padStart(32, '0');
    mounted.notify(DidArriveMessage, { groupId: group().id, message: message(seq, { sender: 'alice', isMine: true, body }) });
    t.reply(Requests.send, { msgId });
  }

  it('queues each Enter at once, clears the box at once, sends in order and eats no letter', async () => {
    assert.equal(mounted.dom.document.activeElement, box(), 'the composer has focus once the chat opens');
    keys.type('one\n');
    assert.equal(box().value, '', 'cleared on Enter, not when the host answers');
    keys.type('two\n');
    assert.equal(box().value, '');
    keys.type('three\n');
    assert.equal(box().value, '');
    keys.type('fo');
    assert.deepEqual(sent(), ['one'], 'one send at a time');
    assert.deepEqual(pending().map((p) => p.body), ['one', 'two', 'three']);

    confirm(2);
    await settle();
    assert.deepEqual(sent(), ['one', 'two']);
    confirm(3);
    await settle();
    confirm(4);
    await settle();
    assert.deepEqual(sent(), ['one', 'two', 'three']);
    assert.deepEqual(pending(), [], 'nothing left pending once the host confirmed all three');
    assert.deepEqual([...mounted.root.querySelectorAll('.message-log .message .body')].map((b) => b.textContent), ['message 1', 'one', 'two', 'three']);
    assert.equal(box().value, 'fo', 'what was typed meanwhile is still there, first letter included');
  });

  it('shows a message as pending until the host confirms it', async () => {
    keys.type('on my way\n');
    assert.deepEqual(pending(), [{ body: 'on my way', status: 'Sending…' }]);
    confirm(2);
    await settle();
    assert.deepEqual(pending(), []);
    assert.equal($('.message[data-seq="2"] .body')?.textContent, 'on my way');
  });

  it('keeps a failed message with its error and Retry, and holds what was queued after it', async () => {
    keys.type('one\ntwo\n');
    t.replyError(Requests.send, 'You cannot send to this group while its signed log is disputed.');
    await settle();
    assert.deepEqual(pending(), [
      { body: 'one', status: 'Not sent' },
      { body: 'two', status: 'Waiting to send' },
    ]);
    const failed = $('.pending-message.failed')!;
    assert.match(failed.querySelector('.pending-error')?.textContent ?? '', /signed log is disputed/);
    assert.deepEqual(sent(), ['one'], '"two" waits, so the conversation never reads out of order');

    ([...failed.querySelectorAll('vscode-button')].find((b) => b.textContent === 'Retry') as HTMLElement).click();
    assert.deepEqual(sent(), ['one', 'one']);
    assert.deepEqual(pending()[0], { body: 'one', status: 'Sending…' });
    confirm(2);
    await settle();
    assert.deepEqual(sent(), ['one', 'one', 'two']);
  });

  it('lets you discard a failed message, and then sends the rest', async () => {
    keys.type('one\ntwo\n');
    t.replyError(Requests.send, 'A member left this group: rotate the group key, then send again.');
    await settle();
    ([...$('.pending-message.failed')!.querySelectorAll('vscode-button')].find((b) => b.textContent === 'Discard') as HTMLElement).click();
    assert.deepEqual(pending(), [{ body: 'two', status: 'Sending…' }]);
    assert.deepEqual(sent(), ['one', 'two']);
  });
});
