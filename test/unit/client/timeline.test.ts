import assert from 'node:assert/strict';
import type { ChatMessage } from '../../../client';
import { Timeline } from '../../../client/messages/timeline';

let counter = 0;
function message(seq: number, fields: Partial<ChatMessage> = {}): ChatMessage {
  counter += 1;
  return {
    groupId: 'g',
    seq,
    msgId: fields.msgId ?? counter.toString(16).padStart(32, '0'),
    sender: 'alice',
    generation: 1,
    createdAt: `2026-01-01T00:00:${String(seq).padStart(2, '0')}.000Z`,
    status: 'ok',
    kind: 'text',
    body: `message ${seq}`,
    ...fields,
  };
}

describe('timeline', () => {
  it('holds each seq once whichever way it arrives (live, catch-up, history)', () => {
    const timeline = new Timeline();
    const one = message(1);
    const two = message(2);
    assert.equal(timeline.insert([one]).added.length, 1);
    assert.deepEqual(timeline.insert([one, two]).added.map((m) => m.seq), [2]);
    assert.deepEqual(timeline.insert([two, one]).added, []);
    assert.deepEqual(timeline.messages().map((m) => m.seq), [1, 2]);
    assert.equal(timeline.lastSeq, 2);
  });

  it('keeps messages in seq order when older pages arrive later', () => {
    const timeline = new Timeline();
    timeline.insert([message(7), message(8)]);
    timeline.insert([message(3), message(5)]);
    assert.deepEqual(timeline.messages().map((m) => m.seq), [3, 5, 7, 8]);
    assert.equal(timeline.firstSeq, 3);
  });

  it('applies an edit by the sender to its target and reports the target as updated', () => {
    const timeline = new Timeline();
    const original = message(1);
    timeline.insert([original]);
    const changes = timeline.insert([message(2, { kind: 'edit', target: original.msgId, body: 'fixed' })]);
    assert.deepEqual(changes.added, []);
    assert.equal(changes.updated.length, 1);
    assert.equal(changes.updated[0]!.body, 'fixed');
    assert.ok(changes.updated[0]!.editedAt);
    assert.deepEqual(timeline.messages().map((m) => m.seq), [1]);
  });

  it('applies an edit that arrived before its target (history paged backwards)', () => {
    const timeline = new Timeline();
    const original = message(1);
    timeline.insert([message(4, { kind: 'edit', target: original.msgId, body: 'second edit' }), message(3, { kind: 'edit', target: original.msgId, body: 'first edit' })]);
    timeline.insert([original]);
    assert.equal(timeline.get(original.msgId)!.body, 'second edit');
  });

  it('ignores an edit or delete by someone other than the sender', () => {
    const timeline = new Timeline();
    const original = message(1);
    timeline.insert([original, message(2, { kind: 'edit', sender: 'mallory', target: original.msgId, body: 'forged' }), message(3, { kind: 'delete', sender: 'mallory', target: original.msgId, body: '' })]);
    assert.equal(timeline.get(original.msgId)!.body, 'message 1');
    assert.equal(timeline.get(original.msgId)!.deleted, undefined);
  });

  it('hides the text of a deleted message, and an edit after the delete does not bring it back', () => {
    const timeline = new Timeline();
    const original = message(1, { snippet: { path: 'a.ts', startLine: 1, endLine: 1, language: 'ts', code: 'x' }, kind: 'snippet' });
    timeline.insert([original, message(2, { kind: 'delete', target: original.msgId, body: '' }), message(3, { kind: 'edit', target: original.msgId, body: 'back?' })]);
    const shown = timeline.get(original.msgId)!;
    assert.equal(shown.deleted, true);
    assert.equal(shown.body, '');
    assert.equal(shown.snippet, undefined);
  });

  it('gathers reactions by text, one per person, and a second one from the same person takes it back', () => {
    const timeline = new Timeline();
    const original = message(1);
    timeline.insert([
      original,
      message(2, { kind: 'reaction', target: original.msgId, body: '+1', sender: 'bob' }),
      message(3, { kind: 'reaction', target: original.msgId, body: '+1', sender: 'carol' }),
      message(4, { kind: 'reaction', target: original.msgId, body: '🎉', sender: 'bob' }),
    ]);
    assert.deepEqual(timeline.get(original.msgId)!.reactions, { '+1': ['bob', 'carol'], '🎉': ['bob'] });
    const { updated } = timeline.insert([message(5, { kind: 'reaction', target: original.msgId, body: '+1', sender: 'bob' })]);
    assert.deepEqual(updated.map((m) => m.msgId), [original.msgId]);
    assert.deepEqual(timeline.get(original.msgId)!.reactions, { '+1': ['carol'], '🎉': ['bob'] });
    timeline.insert([message(6, { kind: 'reaction', target: original.msgId, body: '🎉', sender: 'bob' })]);
    timeline.insert([message(7, { kind: 'reaction', target: original.msgId, body: '+1', sender: 'carol' })]);
    assert.equal(timeline.get(original.msgId)!.reactions, undefined, 'all taken back: no empty counts left');
  });

  it('folds reactions named like Object.prototype keys as plain text, and takes them back', () => {
    const timeline = new Timeline();
    const original = message(1);
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    timeline.insert([original, ...names.map((body, i) => message(2 + i, { kind: 'reaction', target: original.msgId, body, sender: 'bob' }))]);
    const reactions = timeline.get(original.msgId)!.reactions!;
    assert.deepEqual(Object.entries(reactions), names.map((n) => [n, ['bob']]));
    assert.equal(Object.getPrototypeOf(reactions), Object.prototype, 'the prototype was not replaced through "__proto__"');
    timeline.insert(names.map((body, i) => message(10 + i, { kind: 'reaction', target: original.msgId, body, sender: 'bob' })));
    assert.equal(timeline.get(original.msgId)!.reactions, undefined);
  });

  it('shows an edit that could not be checked as a message of its own, never folds it in', () => {
    const timeline = new Timeline();
    const original = message(1);
    const broken = message(2, { status: 'bad-signature', kind: undefined, body: undefined });
    timeline.insert([original, broken]);
    assert.deepEqual(timeline.messages().map((m) => [m.seq, m.status]), [[1, 'ok'], [2, 'bad-signature']]);
    assert.equal(timeline.get(original.msgId)!.body, 'message 1');
  });

  describe('key generations only go up', () => {
    const statuses = (t: Timeline) => t.messages().map((m) => [m.seq, m.generation, m.status]);

    it('marks a live message under an older generation than one before it, and hides its text', () => {
      const timeline = new Timeline();
      timeline.insert([message(1), message(2, { generation: 2 })]);
      const { added } = timeline.insert([message(3, { sender: 'dave', body: 'still here' })]);
      assert.equal(added[0]!.status, 'stale-key');
      assert.equal(added[0]!.body, undefined);
      assert.match(added[0]!.problem!, /generation 1 after generation 2/);
      assert.deepEqual(statuses(timeline), [[1, 1, 'ok'], [2, 2, 'ok'], [3, 1, 'stale-key']]);
    });

    it('keeps the messages sent before the rotation, and rotations after it, as they are', () => {
      const timeline = new Timeline();
      timeline.insert([message(1), message(2), message(3, { generation: 2 }), message(4, { generation: 4 })]);
      assert.deepEqual(statuses(timeline).map((r) => r[2]), ['ok', 'ok', 'ok', 'ok']);
    });

    it('does not let an unreadable message raise the generation (the server could invent one)', () => {
      const timeline = new Timeline();
      timeline.insert([message(1), message(2, { generation: 99, status: 'could-not-decrypt', body: undefined }), message(3)]);
      assert.deepEqual(statuses(timeline).map((r) => r[2]), ['ok', 'could-not-decrypt', 'ok']);
    });

    it('marks a message already shown once an older page shows a newer generation before it', () => {
      const timeline = new Timeline();
      timeline.insert([message(5, { sender: 'dave' }), message(6, { generation: 2 })]);
      assert.equal(timeline.get(timeline.messages()[0]!.msgId)!.status, 'ok');
      const changes = timeline.insert([message(3), message(4, { generation: 2 })]);
      assert.deepEqual(changes.updated.map((m) => [m.seq, m.status]), [[5, 'stale-key']]);
      assert.deepEqual(changes.added.map((m) => m.seq), [3, 4]);
      assert.deepEqual(statuses(timeline), [[3, 1, 'ok'], [4, 2, 'ok'], [5, 1, 'stale-key'], [6, 2, 'ok']]);
    });

    it('marks a stale message inside an older page against what comes before it in that page', () => {
      const timeline = new Timeline();
      timeline.insert([message(9, { generation: 2 })]);
      timeline.insert([message(6), message(7, { generation: 2 }), message(8)]);
      assert.deepEqual(statuses(timeline), [[6, 1, 'ok'], [7, 2, 'ok'], [8, 1, 'stale-key'], [9, 2, 'ok']]);
    });

    it('takes a stale edit back out of its target and shows it marked instead', () => {
      const timeline = new Timeline();
      const original = message(2, { sender: 'dave' });
      timeline.insert([original, message(3, { kind: 'edit', sender: 'dave', target: original.msgId, body: 'rewritten' })]);
      assert.equal(timeline.get(original.msgId)!.body, 'rewritten');
      const changes = timeline.insert([message(1, { generation: 2 })]);
      // Generation 2 came first, so both of dave's generation-1 messages after it are stale.
      assert.deepEqual(changes.updated.map((m) => [m.seq, m.status]).sort(), [[2, 'stale-key'], [3, 'stale-key']]);
      assert.deepEqual(statuses(timeline).map((r) => r[2]), ['ok', 'stale-key', 'stale-key']);
    });

    it('takes a stale edit of a good message back out and restores the original text', () => {
      const timeline = new Timeline();
      const original = message(3);
      timeline.insert([original, message(5, { kind: 'edit', target: original.msgId, body: 'forged edit' })]);
      assert.equal(timeline.get(original.msgId)!.body, 'forged edit', 'nothing says generation 2 came between them yet');
      const changes = timeline.insert([message(4, { generation: 2 })]);
      assert.equal(timeline.get(original.msgId)!.body, 'message 3');
      assert.equal(timeline.get(original.msgId)!.editedAt, undefined);
      assert.deepEqual(changes.updated.map((m) => [m.seq, m.status]).sort(), [[3, 'ok'], [5, 'stale-key']]);
    });
  });
});
