// A direct message as the client shows it: what it is, with whom and its name come from the
// verified log; a server view that calls a DM a group (or a group a DM), or lists a third member,
// is a disagreement (disputed); a DM is found as @username, never by a group's name.
import assert from 'node:assert/strict';
import type { GroupView } from '../../../common/api';
import { verifyGroupLog } from '../../../common/group-log';
import { GroupDirectory } from '../../../client/groups/group-directory';
import { disagreements, fromLog, type Group } from '../../../client/groups/verified-group';
import { LogBuilder, person } from '../group-log/log-builder';

const [alice, bob] = [person('alice'), person('bob')] as const;

function viewOf(id: string, over: Partial<GroupView> = {}): GroupView {
  const at = '2026-12-01T10:00:00.000Z';
  return {
    id, name: '', topic: '', createdBy: 'alice', createdAt: at, generation: 1, needsRotation: false, isAdmin: false, lastSeq: 0, readSeq: 0,
    unread: 0, logSeq: 1, kind: 'dm', keys: [],
    members: [{ username: 'alice', isAdmin: false, joinedAt: at }, { username: 'bob', isAdmin: false, joinedAt: at }],
    ...over,
  };
}

describe('client: a direct message from its log', () => {
  it('is named by the other person, says with whom, and agrees with an honest view', async () => {
    const log = new LogBuilder().add(alice, 'dm', { members: [alice.keys, bob.keys] });
    const state = await verifyGroupLog(log.groupId, log.texts);
    const view = viewOf(log.groupId);
    assert.deepEqual(disagreements(view, state, 'alice'), []);
    const asAlice = fromLog(view, state, 'alice', { state: 'verified' });
    assert.equal(asAlice.name, 'bob');
    assert.deepEqual(asAlice.dm, { with: 'bob', ended: false });
    assert.equal(asAlice.kind, 'dm');
    assert.equal(asAlice.createdBy, 'alice');
    assert.equal(fromLog(view, state, 'bob', { state: 'verified' }).name, 'alice');
  });

  it('a view that says group, lists a third member or an admin, or names it, disagrees', async () => {
    const log = new LogBuilder().add(alice, 'dm', { members: [alice.keys, bob.keys] });
    const state = await verifyGroupLog(log.groupId, log.texts);
    const at = '2026-12-01T10:00:00.000Z';
    for (const [over, says] of [
      [{ kind: 'group' }, /direct message as a group/],
      [{ kind: undefined }, /direct message as a group/],
      [{ members: [...viewOf(log.groupId).members, { username: 'carol', isAdmin: false, joinedAt: at }] }, /carol/],
      [{ members: [{ username: 'alice', isAdmin: true, joinedAt: at }, { username: 'bob', isAdmin: false, joinedAt: at }] }, /admins/],
      [{ name: 'ops' }, /names the group "ops"/],
    ] as Array<[Partial<GroupView>, RegExp]>) {
      const found = disagreements(viewOf(log.groupId, over), state, 'alice');
      assert.ok(found.some((f) => says.test(f)), `${JSON.stringify(over)}: ${found.join('; ')}`);
    }
    const group = new LogBuilder().add(alice, 'create', { name: 'ops', member: alice.keys });
    const groupState = await verifyGroupLog(group.groupId, group.texts);
    const claimed = viewOf(group.groupId, { name: 'ops', kind: 'dm', isAdmin: true, members: [{ username: 'alice', isAdmin: true, joinedAt: at }] });
    assert.deepEqual(disagreements(claimed, groupState, 'alice'), ['the server shows a group as a direct message']);
    assert.equal(fromLog(claimed, groupState, 'alice', { state: 'disputed' }).dm, undefined);
  });

  it('ended once one of the two left; the name stays the other person', async () => {
    const log = new LogBuilder().add(alice, 'dm', { members: [alice.keys, bob.keys] }).add(bob, 'leave', {});
    const state = await verifyGroupLog(log.groupId, log.texts);
    const view = viewOf(log.groupId, { logSeq: 2, needsRotation: true, members: [viewOf(log.groupId).members[0]!] });
    assert.deepEqual(disagreements(view, state, 'alice'), []);
    const shown = fromLog(view, state, 'alice', { state: 'verified' });
    assert.deepEqual(shown.dm, { with: 'bob', ended: true });
    assert.equal(shown.name, 'bob');
  });

  it('the directory finds a DM as @name only, the live one first, and keeps it out of name lookups', async () => {
    const at = (n: number) => `2026-12-0${n}T10:00:00.000Z`;
    const groups: Group[] = [
      { ...viewOf('00000000-0000-4000-8000-000000000001', { createdAt: at(1) }), name: 'bob', kind: 'dm', dm: { with: 'bob', ended: true }, verification: { state: 'verified' } },
      { ...viewOf('00000000-0000-4000-8000-000000000002', { createdAt: at(2) }), name: 'bob', kind: 'dm', dm: { with: 'bob', ended: false }, verification: { state: 'verified' } },
      { ...viewOf('00000000-0000-4000-8000-000000000003', { createdAt: at(3) }), name: 'bob', kind: 'group', verification: { state: 'verified' } },
    ];
    const api = { groups: async () => groups } as never;
    const logs = { check: async (g: Group) => g, forget: () => undefined } as never;
    const directory = new GroupDirectory(api, logs, { added: () => undefined, dropped: () => undefined, changed: () => undefined });
    await directory.refreshAll();
    assert.equal((await directory.find('@bob')).id, groups[1]!.id);
    assert.equal((await directory.find('bob')).id, groups[2]!.id, 'a group named bob is not the DM with bob');
    assert.deepEqual(directory.directMessages().map((g) => g.id).sort(), [groups[0]!.id, groups[1]!.id]);
    await assert.rejects(directory.find('@carol'));
  });
});
