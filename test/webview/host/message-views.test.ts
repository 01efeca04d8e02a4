import * as assert from 'node:assert/strict';
import type { ChatMessage, Group } from '../../../client';
import { mentions } from '../../../client';
import { toGroupDetail, toGroupHistoryView, toGroupSummary, toMessageView } from '../../../extension/message-views';

const base: ChatMessage = {
  groupId: 'g',
  seq: 7,
  msgId: 'b'.repeat(32),
  sender: 'bob',
  generation: 1,
  createdAt: '2026-11-25T10:00:05.000Z',
  status: 'ok',
  kind: 'text',
  body: 'hi @alice',
  sentAt: '2026-11-25T10:00:00.000Z',
};

describe('host message views', () => {
  it('finds @mentions of a username and not of a longer one', () => {
    assert.ok(mentions('hi @alice!', 'alice'));
    assert.ok(mentions('@alice: look', 'alice'));
    assert.ok(mentions('(@ALICE)', 'alice'));
    assert.ok(!mentions('hi @alice2', 'alice'));
    assert.ok(!mentions('hi @alice.b', 'alice'));
    assert.ok(!mentions('mail alice@example.com', 'alice'));
    assert.ok(mentions('hi @a.b-c', 'a.b-c'));
  });

  it('passes the decrypted text and marks, and who it is from', () => {
    const v = toMessageView({ ...base, editedAt: '2026-11-25T10:01:00.000Z' }, 'alice');
    assert.equal(v.body, 'hi @alice');
    assert.equal(v.integrity, 'ok');
    assert.equal(v.edited, true);
    assert.equal(v.mentionsMe, true);
    assert.equal(v.isMine, false);
    assert.equal(v.sentAt, base.sentAt);
  });

  it('never passes text of a message that failed to decrypt or verify', () => {
    const bad = toMessageView({ ...base, status: 'bad-signature', body: 'forged', problem: 'x' }, 'alice');
    assert.equal(bad.integrity, 'bad-signature');
    assert.equal(bad.body, '');
    assert.equal(bad.mentionsMe, false);
    assert.equal(bad.sentAt, base.createdAt, 'the sender-claimed time of an unverified message is not used');
    const unopened = toMessageView({ ...base, status: 'could-not-decrypt', body: undefined, kind: undefined }, 'alice');
    assert.equal(unopened.integrity, 'could-not-decrypt');
    const stale = toMessageView({ ...base, status: 'stale-key', body: 'still here', problem: 'x' }, 'alice');
    assert.deepEqual([stale.integrity, stale.body], ['stale-key', '']);
  });

  it('drops the content of a deleted message and keeps only the mark', () => {
    const v = toMessageView({ ...base, deleted: true, body: '', snippet: { path: 'a', startLine: 1, endLine: 1, language: '', code: 'x' } }, 'alice');
    assert.equal(v.deleted, true);
    assert.equal(v.body, '');
    assert.equal(v.snippet, undefined);
  });

  it('passes the group\'s topic (the verified one the client core holds) and renames and topics of its history', () => {
    const group: Group = {
      id: 'g', name: 'ops', topic: 'On call: bob', createdBy: 'alice', createdAt: '2026-11-25T10:00:00.000Z', generation: 1, needsRotation: false,
      isAdmin: true, lastSeq: 0, readSeq: 0, unread: 0, logSeq: 4, members: [], keys: [], verification: { state: 'verified' },
    };
    assert.equal(toGroupDetail(toGroupSummary(group, 0, 'all'), group, 'alice', new Map()).topic, 'On call: bob');
    const at = '2026-11-25T10:00:00.000Z';
    const history = toGroupHistoryView({ verification: { state: 'verified' }, entries: [
      { seq: 3, type: 'rename', signer: 'alice', at, name: 'ops' }, { seq: 4, type: 'topic', signer: 'alice', at, topic: '' },
    ] });
    assert.deepEqual(history.entries, [{ seq: 3, type: 'rename', signer: 'alice', at, name: 'ops' }, { seq: 4, type: 'topic', signer: 'alice', at, topic: '' }]);
  });
});
