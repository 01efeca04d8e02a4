// Which deactivated members prompt me: only in groups I am an admin of, never myself, and
// each one once, when it first appears.
import assert from 'node:assert/strict';
import { DeactivatedMembers, type DeactivatedMember } from '../../../client/groups/deactivated-members';
import type { Group } from '../../../client/groups/verified-group';

const group = (id: string, isAdmin: boolean, members: [string, ('deactivated' | 'deleted')?][]) => ({
  id, name: `group ${id}`, isAdmin, members: members.map(([username, accountStatus]) => ({ username, isAdmin: false, joinedAt: '', ...(accountStatus ? { accountStatus } : {}) })),
}) as unknown as Group;

describe('deactivated members of my groups', () => {
  it('lists them for the groups I am an admin of, tells each once, and drops a removed or reactivated one', () => {
    const told: DeactivatedMember[] = [];
    const tracker = new DeactivatedMembers('me', (m) => told.push(m));
    tracker.update([group('a', true, [['me', 'deactivated'], ['bob', 'deactivated'], ['carol']]), group('b', false, [['bob', 'deactivated']])]);
    assert.deepEqual(tracker.list(), [{ groupId: 'a', groupName: 'group a', username: 'bob', status: 'deactivated' }]);
    assert.equal(told.length, 1);
    tracker.update([group('a', true, [['bob', 'deactivated'], ['carol', 'deleted']])]);
    assert.deepEqual(told.map((m) => m.username), ['bob', 'carol'], 'bob is not told twice');
    tracker.update([group('a', true, [['carol', 'deleted']])]);
    assert.deepEqual(tracker.list().map((m) => m.username), ['carol']);
    tracker.update([group('a', true, [['bob', 'deactivated'], ['carol', 'deleted']])]);
    assert.deepEqual(told.map((m) => m.username), ['bob', 'carol', 'bob'], 'back after a reactivation and a new deactivation: told again');
  });
});
