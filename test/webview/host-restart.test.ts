// The panel when the extension host behind it goes away and a new one comes (crash, update,
// reload): it says so within a heartbeat, holds the send box, fails what waited at once, and
// starts over with the new host's ready; after a reload it restores group, draft and scroll.
import * as assert from 'node:assert/strict';
import { Commands, DidAnswerPing, DidChangeGroups, DidChangeSession, Requests, type ChatPageView } from '../../common/webview-protocol';
import { ChatApp } from '../../webview/app';
import { newDom, settle } from './support/dom';
import { FakeTransport } from './support/fake-transport';
import { group, message } from './support/views';

const HEARTBEAT_MS = 40;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const page = (): ChatPageView => ({ group: group(), messages: [1, 2, 3].map((seq) => message(seq)), hasMore: false });

describe('webview panel when the extension host restarts', () => {
  let dom: ReturnType<typeof newDom>;
  let t: FakeTransport;
  let app: ChatApp;
  let root: HTMLElement;
  /** A live host answers every ping; a dead one none. */
  let answering: boolean;

  const $ = (selector: string) => root.querySelector(selector) as (HTMLElement & { value?: string }) | null;
  const host = (type: { method: string }, params: unknown) => t.deliver({ method: type.method, params });

  function mount(state?: unknown): void {
    dom = newDom();
    t = new FakeTransport();
    if (state) t.setState(state);
    const post = t.post.bind(t);
    t.post = (m) => {
      post(m);
      if (answering && Commands.ping.is(m)) queueMicrotask(() => host(DidAnswerPing, m.params));
    };
    root = dom.document.createElement('div');
    dom.document.body.append(root);
    // Requests would time out after 30 s as in the product: nothing here may wait for that.
    app = new ChatApp(dom.document, root, t, 30_000, HEARTBEAT_MS);
    app.start();
  }

  async function openChat(): Promise<void> {
    host(DidChangeSession, { session: { state: 'online', username: 'alice', serverUrl: 'https://chat.example.com' } });
    host(DidChangeGroups, { groups: [group()] });
    void app.openGroup(group().id);
    t.reply(Requests.openGroup, page());
    await settle();
  }

  beforeEach(() => {
    answering = true;
  });

  afterEach(async () => {
    app.dispose();
    await dom.close();
  });

  it('says "Reconnecting to VS Code…" within the heartbeat, holds the send box, and fails a waiting send at once', async () => {
    mount();
    await openChat();
    await wait(HEARTBEAT_MS * 3);
    assert.equal($('.connection')?.textContent, 'Online', 'a host that answers is online');
    $('#send-box')!.value = 'not lost';
    const waiting = app.connection.request(Requests.send, { groupId: group().id, body: 'sent as the host died' });
    const started = Date.now();
    answering = false;
    await assert.rejects(waiting, /VS Code stopped answering/);
    assert.ok(Date.now() - started < HEARTBEAT_MS * 4, `noticed after ${Date.now() - started} ms`);
    assert.equal($('.connection')?.textContent, 'Reconnecting to VS Code…');
    assert.equal($('.connection')?.dataset.state, 'host-lost');
    assert.ok($('#send-box')!.hasAttribute('disabled'), 'the send box takes nothing while nobody can send it');
    assert.equal($('#send-box')!.value, 'not lost');
    await assert.rejects(app.connection.request(Requests.send, { groupId: group().id, body: 'x' }), /VS Code stopped answering/);
  });

  it('starts over with a new host: ready again, Online, the box open and the group reopened', async () => {
    mount();
    await openChat();
    answering = false;
    await wait(HEARTBEAT_MS * 3);
    assert.equal($('.connection')?.textContent, 'Reconnecting to VS Code…');
    const readies = t.postedWith(Commands.ready).length;
    answering = true;
    await wait(HEARTBEAT_MS * 2);
    assert.equal(t.postedWith(Commands.ready).length, readies + 1, 'the new host is told the panel is ready');
    assert.equal($('.connection')?.textContent, 'Online');
    assert.ok(!$('#send-box')!.hasAttribute('disabled'));
    const opens = t.postedWith(Requests.openGroup).length;
    host(DidChangeSession, { session: { state: 'online', username: 'alice' } });
    host(DidChangeGroups, { groups: [group()] });
    assert.equal(t.postedWith(Requests.openGroup).length, opens + 1, 'the open group is fetched from the new host');
  });

  it('saves the open group, the draft and the scroll position, and restores them after a reload', async () => {
    mount();
    await openChat();
    const history = $('.history')!;
    Object.defineProperty(history, 'scrollHeight', { configurable: true, get: () => 1000 });
    Object.defineProperty(history, 'clientHeight', { configurable: true, get: () => 200 });
    history.scrollTop = 300;
    history.dispatchEvent(new dom.window.Event('scroll') as unknown as Event);
    $('#send-box')!.value = 'half a thought';
    $('#send-box')!.dispatchEvent(new dom.window.Event('input', { bubbles: true }) as unknown as Event);
    const saved = t.getState();
    assert.deepEqual(saved, { selectedGroupId: group().id, draft: { groupId: group().id, text: 'half a thought' }, drafts: [{ groupId: group().id, text: 'half a thought' }], scrollTop: 300 });

    app.dispose();
    await dom.close();
    mount(saved);
    await wait(HEARTBEAT_MS * 2);
    assert.deepEqual(t.getState(), saved, 'nothing is overwritten while the saved panel waits for the host');
    host(DidChangeSession, { session: { state: 'online', username: 'alice' } });
    host(DidChangeGroups, { groups: [group()] });
    assert.deepEqual(t.postedWith(Requests.openGroup).at(-1)?.params, { groupId: group().id });
    const restoredHistory = $('.history')!;
    Object.defineProperty(restoredHistory, 'scrollHeight', { configurable: true, get: () => 1000 });
    Object.defineProperty(restoredHistory, 'clientHeight', { configurable: true, get: () => 200 });
    t.reply(Requests.openGroup, page());
    await settle();
    assert.equal($('.chat-title')?.textContent, group().name);
    assert.equal($('#send-box')!.value, 'half a thought');
    assert.equal(restoredHistory.scrollTop, 300);
  });
});
