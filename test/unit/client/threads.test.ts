import assert from 'node:assert/strict';
import type { ChatMessage } from '../../../client';
import { Timeline } from '../../../client/messages/timeline';
import { ThreadStore } from '../../../client/threads/thread-store';
import { summarizeThread, unreadReplies } from '../../../client/threads/thread-summary';

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

describe('thread summaries', () => {
  const root = 'a'.repeat(32);

  it('counts replies, names the last three repliers newest first, each once, and the time of the last', () => {
    const replies = [
      message(2, { sender: 'bob', threadRoot: root }),
      message(3, { sender: 'carol', threadRoot: root }),
      message(4, { sender: 'dave', threadRoot: root }),
      message(5, { sender: 'bob', threadRoot: root }),
      message(6, { sender: 'bob', threadRoot: root, deleted: true }),
    ];
    assert.deepEqual(summarizeThread(replies), { replies: 4, lastRepliers: ['bob', 'dave', 'carol'], lastReplyAt: replies[3]!.createdAt });
    assert.deepEqual(summarizeThread([]), { replies: 0, lastRepliers: [] });
  });

  it('counts as unread only replies from others after the read seq', () => {
    const replies = [message(2, { sender: 'bob' }), message(3, { sender: 'alice' }), message(4, { sender: 'carol' }), message(5, { sender: 'carol', deleted: true })];
    assert.equal(unreadReplies(replies, 0, 'alice'), 2);
    assert.equal(unreadReplies(replies, 2, 'alice'), 1);
    assert.equal(unreadReplies(replies, 4, 'alice'), 0);
  });

  it('holds names like __proto__ as plain strings', () => {
    const summary = summarizeThread([message(2, { sender: '__proto__', threadRoot: root }), message(3, { sender: 'constructor', threadRoot: root })]);
    assert.deepEqual(summary.lastRepliers, ['constructor', '__proto__']);
  });
});

describe('thread replies in the group timeline', () => {
  it('keeps a reply out of the timeline unless also sent to the group', () => {
    const timeline = new Timeline();
    const root = message(1);
    const inThread = message(2, { threadRoot: root.msgId });
    const alsoToGroup = message(3, { threadRoot: root.msgId, alsoToGroup: true });
    timeline.insert([root, inThread, alsoToGroup]);
    assert.deepEqual(timeline.messages().map((m) => m.seq), [1, 3]);
    assert.deepEqual(timeline.everything().map((m) => m.seq), [1, 2, 3]);
  });

  it('shows a reply whose root is itself a reply (threads do not nest), so it is shown somewhere', () => {
    const timeline = new Timeline();
    const root = message(1);
    const reply = message(2, { threadRoot: root.msgId });
    const nested = message(3, { threadRoot: reply.msgId });
    timeline.insert([root, reply, nested]);
    assert.deepEqual(timeline.messages().map((m) => m.seq), [1, 3]);
  });

  it('shows a thread reply under a stale key in the timeline, marked, and out of its thread', () => {
    const timeline = new Timeline();
    const root = message(1, { generation: 2 });
    const stale = message(2, { generation: 1, threadRoot: root.msgId });
    timeline.insert([root, stale]);
    const [, shown] = timeline.messages();
    assert.equal(shown?.status, 'stale-key');
    assert.equal(shown?.threadRoot, undefined);
  });
});

describe('thread store', () => {
  const rootId = 'b'.repeat(32);

  it('folds edits, deletes and reactions into thread replies, tagged or not', () => {
    const store = new ThreadStore(() => 0);
    const reply = message(2, { sender: 'bob', threadRoot: rootId, body: 'first' });
    store.take('g', [reply]);
    store.take('g', [message(3, { sender: 'bob', kind: 'edit', target: reply.msgId, body: 'second', threadRoot: rootId })]);
    store.take('g', [message(4, { sender: 'carol', kind: 'reaction', target: reply.msgId, body: '👍' })]);
    const [held] = store.replies('g', rootId);
    assert.equal(held?.body, 'second');
    assert.ok(held?.editedAt);
    assert.deepEqual(held?.reactions, { '👍': ['carol'] });
    store.take('g', [message(5, { sender: 'bob', kind: 'delete', target: reply.msgId, body: '', threadRoot: rootId })]);
    assert.equal(store.replies('g', rootId)[0]?.deleted, true);
  });

  it('takes from a thread page only what its own envelope puts in the thread, and says how much it left out', () => {
    const store = new ThreadStore(() => 0);
    const mine = message(2, { threadRoot: rootId });
    const otherThread = message(3, { threadRoot: 'c'.repeat(32) });
    const topLevel = message(4);
    const forged = message(5, { status: 'bad-signature', body: undefined });
    assert.equal(store.takePage('g', rootId, [mine, otherThread, topLevel, forged]), 3);
    assert.deepEqual(store.replies('g', rootId).map((m) => m.seq), [2]);
  });

  it('starts a thread as read up to the group cursor, then by what was marked read', () => {
    const store = new ThreadStore(() => 3);
    store.take('g', [message(2, { sender: 'bob', threadRoot: rootId }), message(5, { sender: 'bob', threadRoot: rootId })]);
    assert.equal(store.readSeq('g', rootId), 3);
    assert.equal(unreadReplies(store.replies('g', rootId), store.readSeq('g', rootId), 'alice'), 1);
    store.markRead('g', rootId, 5);
    assert.equal(unreadReplies(store.replies('g', rootId), store.readSeq('g', rootId), 'alice'), 0);
    store.forget('g');
    assert.equal(store.has('g', rootId), false);
  });
});
