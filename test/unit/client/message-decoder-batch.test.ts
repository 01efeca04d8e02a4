// A history read in one batch (signatures checked on worker threads) must say exactly what
// reading it one message at a time says: same order, same statuses, nothing dropped.

import assert from 'node:assert/strict';
import { closeVerifyPool, createIdentity, encryptGroupMessage, generateGroupKey, newMsgId } from '../../../common/crypto';
import type { MessageView } from '../../../common/api';
import { decodeMessage, decodeMessages } from '../../../client/messages/message-decoder';
import { MissingGroupKeyError } from '../../../client';

const groupId = '11111111-2222-4333-8444-555555555555';
const alice = createIdentity();
const bob = createIdentity();
const mallory = createIdentity();
const groupKey = generateGroupKey();

function stored(seq: number, sender: string, signingKey: Uint8Array, generation = 1): MessageView {
  const msgId = newMsgId();
  const blob = encryptGroupMessage({ v: 1, kind: 'text', body: `message ${seq}`, sentAt: new Date().toISOString() }, { groupId, generation, sender, msgId }, groupKey, signingKey);
  return { seq, msgId, sender, generation, encryptedBlobB64: blob, createdAt: new Date().toISOString() };
}

const keys = {
  groupKey: async (generation: number) => {
    if (generation !== 1) throw new MissingGroupKeyError('team', generation);
    return groupKey;
  },
  senderKeys: async (username: string) => {
    if (username === 'alice') return alice;
    if (username === 'bob') return bob;
    throw new Error('unknown user');
  },
};

describe('message decoder, a batch at a time', () => {
  after(() => closeVerifyPool());

  it('gives the same results as one at a time for a long page with forged, undecryptable and unknown-sender messages', async () => {
    // More than the parallel threshold, so the worker threads do the checking.
    const views: MessageView[] = [];
    for (let seq = 1; seq <= 700; seq++) views.push(stored(seq, seq % 2 ? 'alice' : 'bob', seq % 2 ? alice.signingPrivateKey : bob.signingPrivateKey));
    views[10] = stored(11, 'alice', mallory.signingPrivateKey);
    views[20] = stored(21, 'carol', mallory.signingPrivateKey);
    views[30] = { ...stored(31, 'bob', bob.signingPrivateKey, 2) };
    const tampered = Buffer.from(views[40]!.encryptedBlobB64, 'base64');
    tampered[20] = (tampered[20] as number) ^ 1;
    views[40] = { ...views[40]!, encryptedBlobB64: tampered.toString('base64') };

    const batch = await decodeMessages(groupId, views, keys);
    const single = [];
    for (const view of views) single.push(await decodeMessage(groupId, view, keys));

    assert.equal(batch.length, views.length);
    assert.deepEqual(batch, single);
    assert.equal(batch.filter((m) => m.status === 'ok').length, 696);
    assert.deepEqual([batch[10]!.status, batch[20]!.status, batch[30]!.status, batch[40]!.status],
      ['bad-signature', 'bad-signature', 'could-not-decrypt', 'bad-signature']);
    assert.equal(batch[41]!.body, 'message 42');
  });
});
