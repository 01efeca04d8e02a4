// The outbox (issue 14): a message sent while the connection is not online waits as "Waiting
// for the connection", goes out by itself when it is back (in order, once, with the msgId chosen
// when it was queued), survives a reload, and can be cancelled; a send the server could not be
// reached for goes back to waiting; a stale "could not reach" error goes when the connection is back.
import * as assert from 'node:assert/strict';
import { DidArriveMessage, DidChangeGroups, DidChangeSession, Requests, type ConnectionState } from '../../common/webview-protocol';
import { ChatApp } from '../../webview/app';
import { newDom, settle } from './support/dom';
import { FakeTransport } from './support/fake-transport';
import { keyboard } from './support/keyboard';
import { defineLitLikeTextarea } from './support/lit-like-textarea';
import { group, message } from './support/views';

describe('webview outbox', () => {
  let dom: ReturnType<typeof newDom>;
  let t: FakeTransport;
  let root: HTMLElement;
  let app: ChatApp;
  let seq: number;

  const $ = (selector: string) => root.querySelector(selector) as HTMLElement | null;
  const host = (type: { method: string }, params: unknown) => t.deliver({ method: type.method, params });
  const connection = (state: ConnectionState) => host(DidChangeSession, { session: { state, username: 'alice' } });
  const sends = () => t.postedWith(Requests.send).map((m) => m.params);
  const sent = () => sends().map((p) => p.body);
  const type = (text: string) => keyboard(dom.window).type(text);
  const pending = () => [...root.querySelectorAll('.pending-message')].map((el) => ({
    body: el.querySelector('.body')?.textContent,
    status: el.querySelector('.pending-status')?.textContent,
  }));

  /** A panel over this saved state (a reload), signed in with the group open. */
  async function mount(state?: unknown): Promise<void> {
    dom = newDom();
    defineLitLikeTextarea(dom.window);
    t = new FakeTransport();
    if (state) t.setState(state);
    root = dom.document.createElement('div');
    dom.document.body.append(root);
    app = new ChatApp(dom.document, root, t, 30_000);
    app.start();
    connection('online');
    host(DidChangeGroups, { groups: [group()] });
    if (!state) ($('.group-item') as HTMLButtonElement).click();
    t.reply(Requests.openGroup, { group: group(), messages: [message(1)], hasMore: false });
    await settle();
  }

  /** The host confirms the send in flight: the message arrives, then the answer. */
  async function confirm(): Promise<void> {
    const last = sends().at(-1)!;
    seq++;
    host(DidArriveMessage, { groupId: group().id, message: message(seq, { sender: 'alice', isMine: true, body: last.body, msgId: last.msgId! }) });
    t.reply(Requests.send, { msgId: last.msgId! });
    await settle();
  }

  beforeEach(async () => {
    seq = 1;
    await mount();
  });
  afterEach(async () => {
    app.dispose();
    await dom.close();
  });

  it('keeps what is sent offline as waiting for the connection, and sends nothing', async () => {
    connection('offline');
    type('one\ntwo\n');
    await settle();
    assert.deepEqual(sent(), []);
    assert.deepEqual(pending(), [
      { body: 'one', status: 'Waiting for the connection' },
      { body: 'two', status: 'Waiting for the connection' },
    ]);
  });

  it('sends the waiting messages by itself when the connection is back, in order, exactly once', async () => {
    connection('connecting');
    type('one\ntwo\n');
    await settle();
    connection('online');
    connection('online');
    await settle();
    assert.deepEqual(sent(), ['one'], 'one at a time, and a second "online" sends nothing more');
    await confirm();
    assert.deepEqual(sent(), ['one', 'two']);
    await confirm();
    connection('offline');
    connection('online');
    await settle();
    assert.deepEqual(sent(), ['one', 'two'], 'nothing is sent twice');
    assert.deepEqual(pending(), []);
    const [a, b] = sends().map((p) => p.msgId);
    assert.match(a ?? '', /^[0-9a-f]{32}$/);
    assert.notEqual(a, b);
  });

  it('keeps the outbox over a reload and resends the waiting messages with the same msgIds', async () => {
    connection('offline');
    type('one\ntwo\n');
    await settle();
    const saved = t.getState();
    const queued = (saved as { outbox: { params: { body: string; msgId: string } }[] }).outbox.map((o) => o.params);
    assert.deepEqual(queued.map((p) => p.body), ['one', 'two']);
    app.dispose();
    await dom.close();

    await mount(saved);
    assert.deepEqual(pending(), [
      { body: 'one', status: 'Sending…' },
      { body: 'two', status: 'Waiting to send' },
    ]);
    await confirm();
    await confirm();
    assert.deepEqual(sends().map((p) => [p.body, p.msgId]), queued.map((p) => [p.body, p.msgId]));
    assert.deepEqual(pending(), []);
    assert.equal((t.getState() as { outbox?: unknown }).outbox, undefined, 'nothing left to resend after the next reload');
  });

  it('lets you cancel a waiting message; the others still go', async () => {
    connection('offline');
    type('one\ntwo\nthree\n');
    await settle();
    const two = [...root.querySelectorAll('.pending-message')][1]!;
    ([...two.querySelectorAll('vscode-button')].find((b) => b.textContent === 'Cancel') as HTMLElement).click();
    assert.deepEqual(pending().map((p) => p.body), ['one', 'three']);
    connection('online');
    await settle();
    await confirm();
    await confirm();
    assert.deepEqual(sent(), ['one', 'three']);
  });

  it('puts a send the server could not be reached for back to waiting, and sends it again (same msgId) when online', async () => {
    type('one\n');
    t.replyError(Requests.send, 'Could not reach the TeamChat server at https://chat.example.com; check the address and that the server is running.');
    await settle();
    assert.deepEqual(pending(), [{ body: 'one', status: 'Waiting for the connection' }]);
    assert.equal(root.querySelector('.pending-error'), null, 'not "Not sent"');
    connection('offline');
    connection('online');
    await settle();
    assert.deepEqual(sent(), ['one', 'one']);
    assert.equal(sends()[0]!.msgId, sends()[1]!.msgId);
    await confirm();
    assert.deepEqual(pending(), []);
  });

  it('clears a stale "could not reach the server" error when the connection is back', async () => {
    connection('offline');
    void app.openGroup(group().id);
    t.replyError(Requests.openGroup, 'Could not reach the TeamChat server at https://chat.example.com.');
    await settle();
    assert.match($('.app-error')?.textContent ?? '', /Could not reach/);
    connection('online');
    assert.equal($('.app-error')?.textContent, '');
  });
});
