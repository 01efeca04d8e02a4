import assert from 'node:assert/strict';
import {
  SignatureError,
  VersionError,
  closeVerifyPool,
  createIdentity,
  decryptGroupMessages,
  decryptGroupMessagesInParallel,
  encryptGroupMessage,
  generateGroupKey,
  newMsgId,
  type GroupMessageItem,
  type MessageEnvelope,
} from '../../../common/crypto';
import { withByte } from './helpers';

describe('decryptGroupMessagesInParallel', () => {
  const alice = createIdentity();
  const bob = createIdentity();
  const groupKey = generateGroupKey();
  const groupId = '3b241101-e2bb-4255-8caf-4136c566a962';

  after(() => closeVerifyPool());

  function page(count: number): GroupMessageItem[] {
    return Array.from({ length: count }, (_, i) => {
      const sender = i % 2 ? alice : bob;
      const ctx = { groupId, generation: 1, sender: i % 2 ? 'alice' : 'bob', msgId: newMsgId() };
      const envelope: MessageEnvelope = { v: 1, kind: 'text', body: `message ${i}`, sentAt: '2026-11-25T21:00:00.000Z' };
      const item = { encryptedBlobB64: encryptGroupMessage(envelope, ctx, groupKey, sender.signingPrivateKey), ctx, groupKey, senderSigningPublicKey: sender.signingPublicKey };
      if (i % 97 === 5) return { ...item, senderSigningPublicKey: i % 2 ? bob.signingPublicKey : alice.signingPublicKey };
      if (i % 101 === 7) return { ...item, encryptedBlobB64: withByte(item.encryptedBlobB64, 0, 9) };
      if (i % 103 === 11) return { ...item, encryptedBlobB64: withByte(item.encryptedBlobB64, 40, 0) };
      return item;
    });
  }

  it('gives exactly the results of decryptGroupMessages, in order, on worker threads', async function () {
    this.timeout(60_000);
    const items = page(1500);
    const parallel = await decryptGroupMessagesInParallel(items, { threads: 2 });
    const serial = decryptGroupMessages(items);
    assert.equal(parallel.length, items.length);
    let failures = 0;
    parallel.forEach((result, i) => {
      const expected = serial[i]!;
      assert.equal(result.ok, expected.ok, `item ${i}`);
      if (result.ok && expected.ok) assert.deepEqual(result.envelope, expected.envelope);
      if (!result.ok && !expected.ok) {
        failures++;
        assert.equal(result.error.constructor, expected.error.constructor, `item ${i}`);
      }
    });
    assert.ok(failures > 0, 'the page has bad messages in it');
    assert.ok(parallel.some((r) => !r.ok && r.error instanceof SignatureError));
    assert.ok(parallel.some((r) => !r.ok && r.error instanceof VersionError));
    assert.deepEqual(parallel[2], { ok: true, envelope: { v: 1, kind: 'text', body: 'message 2', sentAt: '2026-11-25T21:00:00.000Z' } });
  });

  it('reuses its workers across calls and survives the pool being closed between them', async function () {
    this.timeout(60_000);
    const items = page(600);
    const first = await decryptGroupMessagesInParallel(items, { threads: 2 });
    await closeVerifyPool();
    const second = await decryptGroupMessagesInParallel(items, { threads: 2 });
    assert.deepEqual(second.map((r) => r.ok), first.map((r) => r.ok));
  });
});
