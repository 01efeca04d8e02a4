// What the panel is told about a direct message: that it is one, with whom, and whether it
// ended, from the client core's verified group; a group says none of it.
import * as assert from 'node:assert/strict';
import type { Group } from '../../../client';
import { toGroupDetail, toGroupHistoryView, toGroupSummary } from '../../../extension/message-views';

const base: Group = {
  id: 'g', name: 'bob', topic: '', createdBy: 'alice', createdAt: '2026-11-25T10:00:00.000Z', generation: 1, needsRotation: false,
  isAdmin: false, lastSeq: 0, readSeq: 0, unread: 0, logSeq: 1, members: [], keys: [], verification: { state: 'verified' }, kind: 'dm',
  dm: { with: 'bob', ended: false },
};

describe('host direct message views', () => {
  it('passes dm (with whom, ended) to the summary and the detail, and none for a group', () => {
    const summary = toGroupSummary(base, 2, 'all');
    assert.deepEqual(summary.dm, { with: 'bob', ended: false });
    assert.deepEqual(toGroupDetail(summary, base, 'alice', new Map()).dm, { with: 'bob', ended: false });
    const { dm: _dm, ...group } = base;
    assert.equal(toGroupSummary({ ...group, name: 'ops', kind: 'group' }, 0, 'all').dm, undefined);
    // A copy: the view never shares the client core's object.
    assert.notEqual(summary.dm, base.dm);
  });

  it('names the dm link in the history', () => {
    const at = '2026-11-25T10:00:00.000Z';
    const history = toGroupHistoryView({ verification: { state: 'verified' }, entries: [{ seq: 1, type: 'dm', signer: 'alice', at, username: 'bob' }] });
    assert.deepEqual(history.entries, [{ seq: 1, type: 'dm', signer: 'alice', at, username: 'bob' }]);
  });
});
