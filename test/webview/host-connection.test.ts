import * as assert from 'node:assert/strict';
import { Commands, DidChangeGroups, Requests, isIpcReply } from '../../common/webview-protocol';
import { HostConnection, HostRequestError, HostTimeoutError } from '../../webview/host-connection';
import { FakeTransport } from './support/fake-transport';
import { group } from './support/views';

describe('webview HostConnection', () => {
  it('sends a command without an id', () => {
    const t = new FakeTransport();
    new HostConnection(t).command(Commands.ready);
    assert.deepEqual(t.posted, [{ method: 'webview/ready', params: undefined }]);
  });

  it('matches a reply to its request by id, even when replies come out of order', async () => {
    const t = new FakeTransport();
    const c = new HostConnection(t);
    const first = c.request(Requests.openGroup, { groupId: 'a' });
    const second = c.request(Requests.openGroup, { groupId: 'b' });
    const [r1, r2] = t.postedWith(Requests.openGroup);
    assert.ok(r1?.id && r2?.id && r1.id !== r2.id);
    t.deliver({ method: 'ipc/reply', id: r2.id, result: { group: group({ id: 'b' }), messages: [], hasMore: false } });
    t.deliver({ method: 'ipc/reply', id: r1.id, result: { group: group({ id: 'a' }), messages: [], hasMore: false } });
    assert.equal((await first).group.id, 'a');
    assert.equal((await second).group.id, 'b');
    c.dispose();
  });

  it('rejects with the host error text', async () => {
    const t = new FakeTransport();
    const c = new HostConnection(t);
    const p = c.request(Requests.openGroup, { groupId: 'a' });
    t.replyError(Requests.openGroup, 'You are not a member of this group.');
    await assert.rejects(p, (e: Error) => e instanceof HostRequestError && e.message === 'You are not a member of this group.');
  });

  it('times out a request the host never answers, and ignores a late reply', async () => {
    const t = new FakeTransport();
    const c = new HostConnection(t, 20);
    const p = c.request(Requests.openGroup, { groupId: 'a' });
    await assert.rejects(p, HostTimeoutError);
    t.reply(Requests.openGroup, { group: group(), messages: [], hasMore: false });
  });

  it('dispatches notifications to the handlers of that constant only', () => {
    const t = new FakeTransport();
    const c = new HostConnection(t);
    const seen: number[] = [];
    const off = c.on(DidChangeGroups, ({ groups }) => seen.push(groups.length));
    t.deliver({ method: 'groups/didChange', params: { groups: [group()] } });
    t.deliver({ method: 'session/didChange', params: { session: { state: 'online' } } });
    off();
    t.deliver({ method: 'groups/didChange', params: { groups: [] } });
    assert.deepEqual(seen, [1]);
  });

  it('type guards tell replies and messages apart', () => {
    assert.ok(isIpcReply({ method: 'ipc/reply', id: 'w1', result: 1 }));
    assert.ok(!isIpcReply({ method: 'ipc/reply' }));
    assert.ok(Requests.openGroup.is({ method: 'groups/open', params: { groupId: 'x' }, id: '1' }));
    assert.ok(!Requests.openGroup.is({ method: 'groups/create', params: {} }));
    assert.ok(!Requests.openGroup.is('groups/open'));
  });
});
