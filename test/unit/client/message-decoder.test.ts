// Every message comes back with a status and none is dropped: real crypto, no server.

import assert from 'node:assert/strict';
import { createIdentity, encryptGroupMessage, generateGroupKey, newMsgId } from '../../../common/crypto';
import type { MessageView } from '../../../common/api';
import { decodeMessage } from '../../../client/messages/message-decoder';
import { MissingGroupKeyError } from '../../../client';

const groupId = '11111111-2222-4333-8444-555555555555';
const alice = createIdentity();
const mallory = createIdentity();
const groupKey = generateGroupKey();

function stored(sender: string, signingKey: Uint8Array, key = groupKey, generation = 1): MessageView {
  const msgId = newMsgId();
  const blob = encryptGroupMessage({ v: 1, kind: 'text', body: 'the plan', sentAt: new Date().toISOString() }, { groupId, generation, sender, msgId }, key, signingKey);
  return { seq: 1, msgId, sender, generation, encryptedBlobB64: blob, createdAt: new Date().toISOString() };
}

const keys = {
  groupKey: async (generation: number) => {
    if (generation !== 1) throw new MissingGroupKeyError('team', generation);
    return groupKey;
  },
  senderKeys: async (username: string) => {
    if (username !== 'alice') throw new Error('unknown user');
    return alice;
  },
};

describe('message decoder', () => {
  it('decrypts and verifies a message from its sender', async () => {
    const message = await decodeMessage(groupId, stored('alice', alice.signingPrivateKey), keys);
    assert.equal(message.status, 'ok');
    assert.equal(message.body, 'the plan');
  });

  it('flags a message signed by someone other than the recorded sender, without its text', async () => {
    const message = await decodeMessage(groupId, stored('alice', mallory.signingPrivateKey), keys);
    assert.equal(message.status, 'bad-signature');
    assert.equal(message.body, undefined);
    assert.ok(message.problem);
  });

  it('flags a message under a generation the reader does not hold', async () => {
    const message = await decodeMessage(groupId, stored('alice', alice.signingPrivateKey, groupKey, 2), keys);
    assert.equal(message.status, 'could-not-decrypt');
    assert.match(message.problem ?? '', /generation 2/);
  });

  it('flags a message under another key', async () => {
    const message = await decodeMessage(groupId, stored('alice', alice.signingPrivateKey, generateGroupKey()), keys);
    assert.equal(message.status, 'could-not-decrypt');
  });

  it('flags a message whose sender has no known keys as unverifiable', async () => {
    const message = await decodeMessage(groupId, stored('nobody', mallory.signingPrivateKey), keys);
    assert.equal(message.status, 'bad-signature');
  });
});
