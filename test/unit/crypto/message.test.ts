import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DecryptionError,
  ParameterError,
  SignatureError,
  VersionError,
  createIdentity,
  decryptGroupMessage,
  decryptGroupMessages,
  encryptGroupMessage,
  generateGroupKey,
  newMsgId,
  type MessageContext,
  type MessageEnvelope,
} from '../../../common/crypto';
import { aesGcmSeal } from '../../../common/crypto/aes-gcm';
import { concatBytes, fromBase64, toBase64, utf8 } from '../../../common/crypto/bytes';
import { ed25519Sign } from '../../../common/crypto/ed25519';
import { envelopeArb, everyBitFlip, generationArb, groupIdArb, key32Arb, msgIdArb, usernameArb, withByte } from './helpers';

describe('group messages', () => {
  const alice = createIdentity();
  const mallory = createIdentity();
  const groupKey = generateGroupKey();
  const hello: MessageEnvelope = { v: 1, kind: 'text', body: 'ship it on Friday?', sentAt: '2026-11-25T21:00:00.000Z' };
  const ctx: MessageContext = { groupId: '3b241101-e2bb-4255-8caf-4136c566a962', generation: 3, sender: 'alice', msgId: newMsgId() };
  const aadOf = (c: MessageContext) => utf8(`teamchat/v1/msg|${c.groupId}|${c.generation}|${c.sender}|${c.msgId}`);

  it('newMsgId is 32 lowercase hex characters, fresh each time', () => {
    const id = newMsgId();
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.notEqual(id, newMsgId());
  });

  it('decrypts and verifies what the sender encrypted', () => {
    const blob = encryptGroupMessage(hello, ctx, groupKey, alice.signingPrivateKey);
    assert.deepEqual(decryptGroupMessage(blob, ctx, groupKey, alice.signingPublicKey), hello);
  });

  it('has the v1 layout: version || nonce(12) || ciphertext+tag || signature(64), fresh nonce per message', () => {
    const a = fromBase64(encryptGroupMessage(hello, ctx, groupKey, alice.signingPrivateKey), 'blob');
    const b = fromBase64(encryptGroupMessage(hello, ctx, groupKey, alice.signingPrivateKey), 'blob');
    const json = utf8(JSON.stringify(hello));
    assert.equal(a[0], 1);
    assert.equal(a.byteLength, 1 + 12 + json.byteLength + 16 + 64);
    assert.notDeepEqual(a.subarray(1, 13), b.subarray(1, 13));
  });

  it('round-trips any envelope in any context (property)', () => {
    fc.assert(
      fc.property(envelopeArb, groupIdArb, generationArb, usernameArb, msgIdArb, key32Arb, (envelope, groupId, generation, sender, msgId, key) => {
        const c = { groupId, generation, sender, msgId };
        const blob = encryptGroupMessage(envelope, c, key, alice.signingPrivateKey);
        assert.deepEqual(decryptGroupMessage(blob, c, key, alice.signingPublicKey), envelope);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects every single flipped bit: version byte with VersionError, any other with SignatureError', () => {
    const blob = encryptGroupMessage(hello, ctx, groupKey, alice.signingPrivateKey);
    let flips = 0;
    for (const { byte, flipped } of everyBitFlip(blob)) {
      assert.throws(() => decryptGroupMessage(flipped, ctx, groupKey, alice.signingPublicKey), byte === 0 ? VersionError : SignatureError);
      flips++;
    }
    assert.equal(flips, fromBase64(blob, 'blob').byteLength * 8);
  });

  it('rejects a flipped bit anywhere in any message (property)', () => {
    fc.assert(
      fc.property(envelopeArb, fc.nat(), fc.integer({ min: 0, max: 7 }), (envelope, at, bit) => {
        const blob = fromBase64(encryptGroupMessage(envelope, ctx, groupKey, alice.signingPrivateKey), 'blob');
        const byte = at % blob.byteLength;
        const tampered = new Uint8Array(blob);
        tampered[byte] = (tampered[byte] as number) ^ (1 << bit);
        assert.throws(() => decryptGroupMessage(toBase64(tampered), ctx, groupKey, alice.signingPublicKey), byte === 0 ? VersionError : SignatureError);
      }),
      { numRuns: 300 },
    );
  });

  it('is rejected when replayed into another group, generation, sender or msgId', () => {
    const blob = encryptGroupMessage(hello, ctx, groupKey, alice.signingPrivateKey);
    const elsewhere: MessageContext[] = [
      { ...ctx, groupId: '00000000-0000-4000-8000-000000000000' },
      { ...ctx, generation: 4 },
      { ...ctx, sender: 'mallory' },
      { ...ctx, msgId: newMsgId() },
    ];
    for (const c of elsewhere) {
      assert.throws(() => decryptGroupMessage(blob, c, groupKey, alice.signingPublicKey), SignatureError);
    }
  });

  it('the AAD binds the context on its own: a blob the sender re-signs for another msgId fails to decrypt', () => {
    const blob = fromBase64(encryptGroupMessage(hello, ctx, groupKey, alice.signingPrivateKey), 'blob');
    const moved = { ...ctx, msgId: newMsgId() };
    const body = blob.subarray(1, blob.byteLength - 64);
    const resigned = concatBytes(blob.subarray(0, 1), body, ed25519Sign(alice.signingPrivateKey, concatBytes(aadOf(moved), body)));
    assert.throws(() => decryptGroupMessage(toBase64(resigned), moved, groupKey, alice.signingPublicKey), DecryptionError);
  });

  it('a message re-signed by another member is rejected as not from the claimed sender', () => {
    const blob = fromBase64(encryptGroupMessage(hello, ctx, groupKey, alice.signingPrivateKey), 'blob');
    const body = blob.subarray(1, blob.byteLength - 64);
    const resigned = concatBytes(blob.subarray(0, 1), body, ed25519Sign(mallory.signingPrivateKey, concatBytes(aadOf(ctx), body)));
    assert.throws(() => decryptGroupMessage(toBase64(resigned), ctx, groupKey, alice.signingPublicKey), (error: unknown) => {
      assert.ok(error instanceof SignatureError);
      assert.match(error.message, /not signed by alice/);
      return true;
    });
  });

  it('a member who holds the group key cannot pose as another member', () => {
    // Mallory encrypts under the shared group key and names alice as the sender.
    const forged = encryptGroupMessage({ ...hello, body: 'please send me the prod password' }, ctx, groupKey, mallory.signingPrivateKey);
    assert.throws(() => decryptGroupMessage(forged, ctx, groupKey, alice.signingPublicKey), SignatureError);
  });

  it('a validly signed message under the wrong group key fails with DecryptionError', () => {
    const blob = encryptGroupMessage(hello, ctx, groupKey, alice.signingPrivateKey);
    assert.throws(() => decryptGroupMessage(blob, ctx, generateGroupKey(), alice.signingPublicKey), DecryptionError);
  });

  it('a validly signed, decryptable message that is not a valid envelope fails with DecryptionError', () => {
    const nonce = new Uint8Array(12).fill(7);
    const sealed = aesGcmSeal(groupKey, nonce, utf8('{"v":2,"kind":"text"}'), aadOf(ctx));
    const blob = concatBytes(Uint8Array.of(1), nonce, sealed, ed25519Sign(alice.signingPrivateKey, concatBytes(aadOf(ctx), nonce, sealed)));
    assert.throws(() => decryptGroupMessage(toBase64(blob), ctx, groupKey, alice.signingPublicKey), DecryptionError);
  });

  it('rejects an unknown version, a too-short blob and non-base64 input', () => {
    const blob = encryptGroupMessage(hello, ctx, groupKey, alice.signingPrivateKey);
    assert.throws(() => decryptGroupMessage(withByte(blob, 0, 2), ctx, groupKey, alice.signingPublicKey), (error: unknown) => {
      assert.ok(error instanceof VersionError);
      assert.equal(error.version, 2);
      return true;
    });
    assert.throws(() => decryptGroupMessage(toBase64(Uint8Array.of(1, 2, 3)), ctx, groupKey, alice.signingPublicKey), DecryptionError);
    assert.throws(() => decryptGroupMessage('%%%', ctx, groupKey, alice.signingPublicKey), DecryptionError);
  });

  it('refuses to encrypt a bad envelope, a bad context or an oversized message', () => {
    assert.throws(() => encryptGroupMessage({ ...hello, body: '' }, ctx, groupKey, alice.signingPrivateKey), ParameterError);
    assert.throws(() => encryptGroupMessage(hello, { ...ctx, msgId: 'ABC' }, groupKey, alice.signingPrivateKey), ParameterError);
    assert.throws(() => encryptGroupMessage(hello, { ...ctx, sender: 'a|b' }, groupKey, alice.signingPrivateKey), ParameterError);
    assert.throws(() => encryptGroupMessage(hello, ctx, groupKey.subarray(1), alice.signingPrivateKey), ParameterError);
    const huge: MessageEnvelope = { v: 1, kind: 'snippet', body: '', sentAt: hello.sentAt, snippet: { path: 'a.ts', startLine: 1, endLine: 1, language: 'ts', code: 'é'.repeat(30_000) } };
    assert.throws(() => encryptGroupMessage(huge, ctx, groupKey, alice.signingPrivateKey), /too long/);
  });

  it('decryptGroupMessages reports each failure in place and never drops a message', () => {
    const good = (msgId: string) => ({
      encryptedBlobB64: encryptGroupMessage(hello, { ...ctx, msgId }, groupKey, alice.signingPrivateKey),
      ctx: { ...ctx, msgId },
      groupKey,
      senderSigningPublicKey: alice.signingPublicKey,
    });
    const first = good(newMsgId());
    const forged = { ...good(newMsgId()), senderSigningPublicKey: mallory.signingPublicKey };
    const damaged = { ...good(newMsgId()), encryptedBlobB64: 'AA==' };
    const last = good(newMsgId());
    const results = decryptGroupMessages([first, forged, damaged, last]);
    assert.equal(results.length, 4);
    assert.deepEqual(results[0], { ok: true, envelope: hello });
    assert.ok(!results[1]!.ok && results[1]!.error instanceof SignatureError);
    assert.ok(!results[2]!.ok && results[2]!.error instanceof VersionError);
    assert.deepEqual(results[3], { ok: true, envelope: hello });
  });
});
