// Resolve / reopen as a signed change (docs/code-aware-chat.md, "Discussions on lines of
// code"): the envelope part, and how the timeline folds it, hostile members included.

import assert from 'node:assert/strict';
import type { ChatMessage } from '../../../client';
import { decodeMessage } from '../../../client/messages/message-decoder';
import { Timeline } from '../../../client/messages/timeline';
import { ThreadStore } from '../../../client/threads/thread-store';
import { createIdentity, encryptGroupMessage, generateGroupKey, newMsgId, ParameterError } from '../../../common/crypto';
import { parseEnvelope, type MessageEnvelope } from '../../../common/messages/envelope';

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
    kind: 'snippet',
    body: 'look here',
    snippet: { path: 'src/retry.ts', startLine: 3, endLine: 5, language: 'typescript', code: 'retry();' },
    ...fields,
  };
}

function resolve(seq: number, target: string, resolved: boolean, fields: Partial<ChatMessage> = {}): ChatMessage {
  return message(seq, { kind: 'resolve', body: '', target, resolved, sender: 'bob', snippet: undefined, ...fields });
}

describe('discussion state: the resolve envelope', () => {
  const target = 'a'.repeat(32);
  const resolveEnvelope: MessageEnvelope = { v: 1, kind: 'resolve', body: '', target, resolved: true, sentAt: '2026-12-01T20:00:00.000Z' };

  it('parses a resolve and a reopen, keeping resolved', () => {
    assert.deepEqual(parseEnvelope(JSON.parse(JSON.stringify(resolveEnvelope))), resolveEnvelope);
    assert.equal(parseEnvelope({ ...resolveEnvelope, resolved: false }).resolved, false);
  });

  it('refuses a resolve without a target or a boolean, with a body, in a thread, and resolved on another kind', () => {
    const bad: unknown[] = [
      { ...resolveEnvelope, target: undefined },
      { ...resolveEnvelope, resolved: undefined },
      { ...resolveEnvelope, resolved: 'yes' },
      { ...resolveEnvelope, resolved: 1 },
      { ...resolveEnvelope, body: 'done' },
      { ...resolveEnvelope, thread: { root: target } },
      { v: 1, kind: 'text', body: 'hi', sentAt: resolveEnvelope.sentAt, resolved: true },
      { v: 1, kind: 'reaction', body: '👍', target, sentAt: resolveEnvelope.sentAt, resolved: false },
    ];
    for (const value of bad) assert.throws(() => parseEnvelope(value), ParameterError, JSON.stringify(value));
  });
});

describe('discussion state: folding', () => {
  it('shows who resolved a discussion and when, as a change, not a line of its own', () => {
    const timeline = new Timeline();
    const root = message(1);
    timeline.insert([root]);
    const changes = timeline.insert([resolve(2, root.msgId, true)]);
    assert.deepEqual(changes.added, []);
    assert.deepEqual(changes.updated.map((m) => m.msgId), [root.msgId]);
    assert.deepEqual(timeline.get(root.msgId)!.discussion, { resolved: true, by: 'bob', at: '2026-01-01T00:00:02.000Z' });
    assert.deepEqual(timeline.messages().map((m) => m.seq), [1]);
  });

  it('lets any member resolve or reopen, and the latest by the group order wins whatever order they arrive in', () => {
    const timeline = new Timeline();
    const root = message(1);
    // History paged backwards: the reopen (seq 4) arrives before the resolve (seq 3) and the root.
    timeline.insert([resolve(4, root.msgId, false, { sender: 'carol' })]);
    timeline.insert([resolve(3, root.msgId, true)]);
    timeline.insert([root]);
    assert.deepEqual(timeline.get(root.msgId)!.discussion, { resolved: false, by: 'carol', at: '2026-01-01T00:00:04.000Z' });
    timeline.insert([resolve(5, root.msgId, true, { sender: 'alice' })]);
    assert.equal(timeline.get(root.msgId)!.discussion!.resolved, true);
    assert.equal(timeline.get(root.msgId)!.discussion!.by, 'alice');
  });

  it('ignores a resolve aimed at a thread reply, in the group timeline and in the thread', () => {
    const timeline = new Timeline();
    const store = new ThreadStore(() => 0);
    const root = message(1);
    const reply = message(2, { kind: 'text', snippet: undefined, body: 'agreed', sender: 'bob', threadRoot: root.msgId });
    const onReply = resolve(3, reply.msgId, true, { sender: 'mallory' });
    timeline.insert([root, reply, onReply]);
    store.take('g', [root, reply, onReply]);
    assert.equal(timeline.get(reply.msgId)!.discussion, undefined);
    assert.equal(timeline.get(root.msgId)!.discussion, undefined);
    assert.equal(store.replies('g', root.msgId)[0]!.discussion, undefined);
  });

  it('ignores a resolve aimed at a message of another group: each group folds only its own', () => {
    const here = new Timeline();
    const there = new Timeline();
    const rootThere = message(1, { groupId: 'other' });
    there.insert([rootThere]);
    here.insert([message(1), resolve(2, rootThere.msgId, true, { sender: 'mallory' })]);
    assert.equal(there.get(rootThere.msgId)!.discussion, undefined);
    assert.deepEqual(here.messages().map((m) => m.seq), [1]);
  });

  it('ignores a resolve that does not verify: a forged sender is not folded, and shown as such', async () => {
    const groupId = '11111111-2222-4333-8444-555555555555';
    const bob = createIdentity();
    const mallory = createIdentity();
    const groupKey = generateGroupKey();
    const root = message(1, { groupId });
    const msgId = newMsgId();
    // Mallory signs a resolve and the server files it as bob's.
    const blob = encryptGroupMessage({ v: 1, kind: 'resolve', body: '', target: root.msgId, resolved: true, sentAt: new Date().toISOString() }, { groupId, generation: 1, sender: 'bob', msgId }, groupKey, mallory.signingPrivateKey);
    const forged = await decodeMessage(groupId, { seq: 2, msgId, sender: 'bob', generation: 1, encryptedBlobB64: blob, createdAt: new Date().toISOString() }, {
      groupKey: async () => groupKey,
      senderKeys: async () => bob,
    });
    assert.equal(forged.status, 'bad-signature');
    const timeline = new Timeline();
    timeline.insert([root, forged]);
    assert.equal(timeline.get(root.msgId)!.discussion, undefined);
    assert.deepEqual(timeline.messages().map((m) => m.seq), [1, 2]);
  });

  it('takes the state away from a root later found under a stale key generation', () => {
    const timeline = new Timeline();
    const root = message(5, { generation: 1 });
    timeline.insert([root, resolve(6, root.msgId, true)]);
    assert.equal(timeline.get(root.msgId)!.discussion!.resolved, true);
    timeline.insert([message(2, { generation: 2, kind: 'text', snippet: undefined })]);
    assert.equal(timeline.get(root.msgId)!.status, 'stale-key');
    assert.equal(timeline.get(root.msgId)!.discussion, undefined);
  });
});
