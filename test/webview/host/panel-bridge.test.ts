// The host side of the webview protocol, with a stand-in session (the bridge is under test).
import * as assert from 'node:assert/strict';
import type { ChatService, ChatServiceEvent } from '../../../extension/chat-service';
import { PanelBridge } from '../../../extension/panel/panel-bridge';
import type { RequestParams, SessionView } from '../../../common/webview-protocol';
import { group, message } from '../support/views';

class StandInSession implements ChatService {
  readonly username = 'alice';
  readonly serverUrl = 'https://chat.example.com';
  private listeners = new Set<(e: ChatServiceEvent) => void>();
  readonly sent: { groupId: string; body: string; replyTo?: string }[] = [];
  readonly reads: [string, number][] = [];
  connectionState() {
    return 'online' as const;
  }
  groups() {
    return [group()];
  }
  async openGroup({ groupId }: RequestParams<'openGroup'>) {
    if (groupId !== group().id) throw new Error('You are not a member of that group.');
    return { group: group(), messages: [message(1)], hasMore: false };
  }
  async loadOlder() {
    return { messages: [], hasMore: false };
  }
  async send({ groupId, body, replyTo }: RequestParams<'send'>) {
    this.sent.push({ groupId, body, ...(replyTo ? { replyTo } : {}) });
    return { msgId: 'a'.repeat(32) };
  }
  async createGroup() {
    return { groupId: 'new' };
  }
  readonly actions: unknown[][] = [];
  async edit({ groupId, msgId, body }: RequestParams<'edit'>) {
    this.actions.push(['edit', groupId, msgId, body]);
    return { msgId: 'e'.repeat(32) };
  }
  async delete({ groupId, msgId }: RequestParams<'delete'>) {
    this.actions.push(['delete', groupId, msgId]);
    return { msgId: 'd'.repeat(32) };
  }
  async react({ groupId, msgId, reaction }: RequestParams<'react'>) {
    this.actions.push(['react', groupId, msgId, reaction]);
    return { msgId: 'r'.repeat(32) };
  }
  async setAdmin({ groupId, username, admin }: RequestParams<'setAdmin'>) {
    if (!admin && username === 'alice') throw new Error('alice is the last admin of this group.');
    this.actions.push(['setAdmin', groupId, username, admin]);
  }
  async groupHistory({ groupId }: RequestParams<'groupHistory'>) {
    if (groupId !== group().id) throw new Error('You are not a member of that group.');
    return { verification: group().verification, entries: [{ seq: 1, type: 'create' as const, signer: 'alice', at: '2026-11-25T09:00:00.000Z' }] };
  }
  async startLog({ groupId }: RequestParams<'startLog'>) {
    this.actions.push(['startLog', groupId]);
  }
  async openThread({ msgId }: RequestParams<'openThread'>) {
    return { root: message(1, { msgId }), replies: [], hasMore: false, dropped: 0 };
  }
  async markThreadRead({ groupId, root }: RequestParams<'markThreadRead'>) {
    this.actions.push(['markThreadRead', groupId, root]);
  }
  async resolve({ groupId, msgId, resolved }: RequestParams<'resolve'>) {
    this.actions.push(['resolve', groupId, msgId, String(resolved)]);
    return { resolved };
  }
  async search({ query }: RequestParams<'search'>) {
    this.actions.push(['search', query]);
    return [];
  }
  async markRead(groupId: string, seq: number) {
    this.reads.push([groupId, seq]);
  }
  async fileLimits() {
    return { maxFileBytes: 1024 };
  }
  async pickFiles() {}
  async sendFile() {}
  async openFile() {}
  async saveFile() {}
  async fileText() {
    return { text: '' };
  }
  async cancelTransfer() {}
  onEvent(listener: (e: ChatServiceEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(e: ChatServiceEvent) {
    for (const l of this.listeners) l(e);
  }
}

function setup() {
  const posted: { method: string; params?: unknown; id?: string; result?: unknown; error?: string }[] = [];
  const actions: unknown[] = [];
  const snippets: unknown[] = [];
  const links: unknown[] = [];
  const bridge = new PanelBridge({
    post: (m) => posted.push(m as (typeof posted)[number]),
    runAction: (action, args) => actions.push({ action, ...args }),
    openSnippet: (t) => snippets.push(t),
    copyMessageLink: (ref) => links.push(ref),
    sessionWithoutChat: (): SessionView => ({ state: 'locked', username: 'alice' }),
    warn: () => undefined,
  });
  return { bridge, posted, actions, snippets, links };
}

describe('host PanelBridge', () => {
  it('sends nothing before the webview is ready, then the session and groups', async () => {
    const { bridge, posted } = setup();
    const session = new StandInSession();
    bridge.setSession(session);
    session.emit({ type: 'message', groupId: group().id, message: message(2), unread: true });
    bridge.focusGroup(group().id);
    assert.equal(posted.length, 0);
    await bridge.receive({ method: 'webview/ready' });
    assert.deepEqual(posted.map((m) => m.method), ['session/didChange', 'groups/didChange', 'groups/didFocus']);
    assert.deepEqual(posted[0]?.params, { session: { state: 'online', username: 'alice', serverUrl: 'https://chat.example.com' } });
  });

  it('forwards file progress and picked files to a ready webview as notifications', async () => {
    const { bridge, posted } = setup();
    const session = new StandInSession();
    bridge.setSession(session);
    await bridge.receive({ method: 'webview/ready' });
    posted.length = 0;
    const progress = { transferId: 't1', groupId: 'g', direction: 'upload' as const, name: 'a.png', done: 5, total: 10, state: 'running' as const };
    session.emit({ type: 'file-progress', progress });
    session.emit({ type: 'files-picked', groupId: 'g', requestId: 'p1', files: [{ pickId: 'k', name: 'a.txt', type: 'text/plain', size: 3 }] });
    assert.deepEqual(posted, [
      { method: 'files/didProgress', params: progress },
      { method: 'files/didPick', params: { groupId: 'g', requestId: 'p1', files: [{ pickId: 'k', name: 'a.txt', type: 'text/plain', size: 3 }] } },
    ]);
  });

  it('answers requests with the same id, and errors in words', async () => {
    const { bridge, posted } = setup();
    bridge.setSession(new StandInSession());
    await bridge.receive({ method: 'webview/ready' });
    posted.length = 0;
    await bridge.receive({ method: 'groups/open', params: { groupId: group().id }, id: 'w7' });
    await bridge.receive({ method: 'groups/open', params: { groupId: 'other' }, id: 'w8' });
    assert.equal(posted[0]?.id, 'w7');
    assert.equal((posted[0]?.result as { group: { name: string } }).group.name, 'backend');
    assert.deepEqual(posted[1], { method: 'ipc/reply', id: 'w8', error: 'You are not a member of that group.' });
  });

  it('passes replies, edits, deletes, reactions and admin changes to the session, and its refusals back', async () => {
    const { bridge, posted } = setup();
    const session = new StandInSession();
    bridge.setSession(session);
    await bridge.receive({ method: 'webview/ready' });
    posted.length = 0;
    const target = message(1).msgId;
    await bridge.receive({ method: 'chat/send', params: { groupId: 'g', body: 'yes', replyTo: target }, id: 'r1' });
    await bridge.receive({ method: 'chat/edit', params: { groupId: 'g', msgId: target, body: 'fixed' }, id: 'r2' });
    await bridge.receive({ method: 'chat/delete', params: { groupId: 'g', msgId: target }, id: 'r3' });
    await bridge.receive({ method: 'chat/react', params: { groupId: 'g', msgId: target, reaction: '🎉' }, id: 'r4' });
    await bridge.receive({ method: 'members/setAdmin', params: { groupId: 'g', username: 'bob', admin: true }, id: 'r5' });
    await bridge.receive({ method: 'members/setAdmin', params: { groupId: 'g', username: 'alice', admin: false }, id: 'r6' });
    assert.deepEqual(session.sent, [{ groupId: 'g', body: 'yes', replyTo: target }]);
    assert.deepEqual(session.actions, [
      ['edit', 'g', target, 'fixed'],
      ['delete', 'g', target],
      ['react', 'g', target, '🎉'],
      ['setAdmin', 'g', 'bob', true],
    ]);
    assert.deepEqual(posted.map((p) => p.id), ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    assert.deepEqual(posted[5], { method: 'ipc/reply', id: 'r6', error: 'alice is the last admin of this group.' });
  });

  it('answers the group history and passes a log start to the session', async () => {
    const { bridge, posted } = setup();
    const session = new StandInSession();
    bridge.setSession(session);
    await bridge.receive({ method: 'webview/ready' });
    posted.length = 0;
    await bridge.receive({ method: 'groups/history', params: { groupId: group().id }, id: 'h1' });
    await bridge.receive({ method: 'groups/startLog', params: { groupId: group().id }, id: 'h2' });
    assert.deepEqual((posted[0]?.result as { entries: { type: string }[] }).entries.map((e) => e.type), ['create']);
    assert.deepEqual([posted[1]?.id, posted[1]?.error], ['h2', undefined]);
    assert.deepEqual(session.actions, [['startLog', group().id]]);
  });

  it('refuses requests while signed out or locked, and reports that state', async () => {
    const { bridge, posted } = setup();
    await bridge.receive({ method: 'webview/ready' });
    assert.deepEqual(posted[0]?.params, { session: { state: 'locked', username: 'alice' } });
    await bridge.receive({ method: 'chat/send', params: { groupId: 'g', body: 'hi' }, id: 'w1' });
    assert.match(posted.at(-1)?.error ?? '', /locked or signed out: unlock it, or sign in/);
  });

  it('passes sends and read marks to the session, and forwards its events once ready', async () => {
    const { bridge, posted } = setup();
    const session = new StandInSession();
    bridge.setSession(session);
    await bridge.receive({ method: 'webview/ready' });
    await bridge.receive({ method: 'chat/send', params: { groupId: 'g', body: 'hi' }, id: 'w1' });
    await bridge.receive({ method: 'groups/markRead', params: { groupId: 'g', seq: 9 } });
    assert.deepEqual(session.sent, [{ groupId: 'g', body: 'hi' }]);
    assert.deepEqual(session.reads, [['g', 9]]);
    session.emit({ type: 'message', groupId: 'g', message: message(3), unread: true });
    session.emit({ type: 'connection', state: 'offline' });
    assert.deepEqual(posted.slice(-2).map((m) => m.method), ['messages/didArrive', 'session/didChange']);
  });

  it('stops forwarding a session it no longer holds', async () => {
    const { bridge, posted } = setup();
    const session = new StandInSession();
    bridge.setSession(session);
    await bridge.receive({ method: 'webview/ready' });
    bridge.setSession(undefined);
    const before = posted.length;
    session.emit({ type: 'message', groupId: 'g', message: message(3), unread: true });
    assert.equal(posted.length, before);
  });

  it('knows which chat the panel opened last (a toast is not needed for it), until the webview is rebuilt', async () => {
    const { bridge } = setup();
    bridge.setSession(new StandInSession());
    await bridge.receive({ method: 'webview/ready' });
    assert.equal(bridge.openGroupId, undefined);
    await bridge.receive({ method: 'groups/open', params: { groupId: group().id }, id: 'o1' });
    await bridge.receive({ method: 'groups/open', params: { groupId: 'other' }, id: 'o2' });
    assert.equal(bridge.openGroupId, group().id, 'a chat the host refused to open is not the one shown');
    bridge.webviewReset();
    assert.equal(bridge.openGroupId, undefined);
  });

  it('passes the header\'s Notifications button on as the notifications action', async () => {
    const { bridge, actions } = setup();
    await bridge.receive({ method: 'panel/runAction', params: { action: 'notifications', groupId: 'g' } });
    assert.deepEqual(actions, [{ action: 'notifications', groupId: 'g' }]);
  });

  it('runs only the known panel actions and opens snippets through the host', async () => {
    const { bridge, actions, snippets } = setup();
    await bridge.receive({ method: 'panel/runAction', params: { action: 'addMember', groupId: 'g' } });
    await bridge.receive({ method: 'panel/runAction', params: { action: 'workbench.action.terminal.new' } });
    await bridge.receive({ method: 'snippet/open', params: { path: 'src/a.ts', startLine: 1, endLine: 2 } });
    assert.deepEqual(actions, [{ action: 'addMember', groupId: 'g' }]);
    assert.deepEqual(snippets, [{ path: 'src/a.ts', startLine: 1, endLine: 2 }]);
  });

  it('hands Copy link to the host with the two ids only, and drops a request that names no message', async () => {
    const { bridge, links } = setup();
    const ref = { groupId: group().id, msgId: message(1).msgId };
    await bridge.receive({ method: 'chat/copyLink', params: { ...ref, body: 'the secret text' } });
    await bridge.receive({ method: 'chat/copyLink', params: { groupId: group().id, msgId: 'javascript:alert(1)' } });
    await bridge.receive({ method: 'chat/copyLink', params: 'not an object' });
    assert.deepEqual(links, [ref]);
  });

  it('keeps a message focus and a hidden state for a webview that is not ready yet (a view resolved behind another)', async () => {
    const { bridge, posted } = setup();
    bridge.setSession(new StandInSession());
    bridge.visibilityChanged(false);
    bridge.focusGroup(group().id, message(1).msgId);
    assert.equal(posted.length, 0);
    await bridge.receive({ method: 'webview/ready' });
    assert.deepEqual(posted.slice(2), [
      { method: 'panel/didChangeVisibility', params: { visible: false } },
      { method: 'groups/didFocus', params: { groupId: group().id, msgId: message(1).msgId } },
    ]);
  });
});
