import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DecryptionError,
  ParameterError,
  SignatureError,
  VersionError,
  createIdentity,
  generateGroupKey,
  openGroupKey,
  sealGroupKeyFor,
} from '../../../common/crypto';
import { concatBytes, fromBase64, toBase64, u32, utf8 } from '../../../common/crypto/bytes';
import { ed25519Sign } from '../../../common/crypto/ed25519';
import { everyBitFlip, generationArb, groupIdArb, sameBytes, usernameArb, withByte } from './helpers';

describe('group keys', () => {
  const admin = createIdentity();
  const bob = createIdentity();
  const mallory = createIdentity();
  const groupId = '3b241101-e2bb-4255-8caf-4136c566a962';
  const forBob = { username: 'bob', encryptionPublicKey: bob.encryptionPublicKey };
  const bobCtx = { groupId, generation: 1, username: 'bob' };

  it('generateGroupKey gives 32 fresh random bytes', () => {
    const a = generateGroupKey();
    assert.equal(a.byteLength, 32);
    assert.ok(!sameBytes(a, generateGroupKey()));
  });

  it('a member opens the copy sealed for them, with the sealer as signer', async () => {
    const groupKey = generateGroupKey();
    const sealed = await sealGroupKeyFor(forBob, groupKey, { groupId, generation: 1 }, admin.signingPrivateKey);
    assert.ok(sameBytes(await openGroupKey(sealed, bobCtx, bob, admin.signingPublicKey), groupKey));
  });

  it('round-trips any group, generation, member and key (property)', async () => {
    await fc.assert(
      fc.asyncProperty(groupIdArb, generationArb, usernameArb, fc.uint8Array({ minLength: 32, maxLength: 32 }), async (g, gen, username, key) => {
        const sealed = await sealGroupKeyFor({ username, encryptionPublicKey: bob.encryptionPublicKey }, key, { groupId: g, generation: gen }, admin.signingPrivateKey);
        const opened = await openGroupKey(sealed, { groupId: g, generation: gen, username }, bob, admin.signingPublicKey);
        return sameBytes(opened, key);
      }),
      { numRuns: 40 },
    );
  });

  it('a copy for one member cannot be opened by another member', async () => {
    const sealed = await sealGroupKeyFor(forBob, generateGroupKey(), { groupId, generation: 1 }, admin.signingPrivateKey);
    // Mallory asking under her own name: the signature binds the copy to bob.
    await assert.rejects(openGroupKey(sealed, { groupId, generation: 1, username: 'mallory' }, mallory, admin.signingPublicKey), SignatureError);
    // Mallory presenting it as bob's: the signature holds, HPKE refuses her private key.
    await assert.rejects(openGroupKey(sealed, bobCtx, mallory, admin.signingPublicKey), DecryptionError);
  });

  it('is rejected when replayed into another group, generation or member', async () => {
    const sealed = await sealGroupKeyFor(forBob, generateGroupKey(), { groupId, generation: 1 }, admin.signingPrivateKey);
    for (const ctx of [
      { ...bobCtx, groupId: '00000000-0000-4000-8000-000000000000' },
      { ...bobCtx, generation: 2 },
      { ...bobCtx, username: 'bobby' },
    ]) {
      await assert.rejects(openGroupKey(sealed, ctx, bob, admin.signingPublicKey), SignatureError);
    }
  });

  it('is rejected when signed by someone other than the expected sealer (a server slipping in its own key)', async () => {
    const serverKey = generateGroupKey();
    const sealed = await sealGroupKeyFor(forBob, serverKey, { groupId, generation: 1 }, mallory.signingPrivateKey);
    await assert.rejects(openGroupKey(sealed, bobCtx, bob, admin.signingPublicKey), (error: unknown) => {
      assert.ok(error instanceof SignatureError);
      assert.match(error.message, /do not trust it/);
      return true;
    });
  });

  it('rejects every single flipped bit: version byte with VersionError, any other with SignatureError', async function () {
    this.timeout(60_000);
    const sealed = await sealGroupKeyFor(forBob, generateGroupKey(), { groupId, generation: 1 }, admin.signingPrivateKey);
    let flips = 0;
    for (const { byte, flipped } of everyBitFlip(sealed)) {
      await assert.rejects(openGroupKey(flipped, bobCtx, bob, admin.signingPublicKey), byte === 0 ? VersionError : SignatureError);
      flips++;
    }
    assert.equal(flips, (1 + 32 + 48 + 64) * 8);
  });

  it('HPKE authenticates on its own: a tampered ciphertext re-signed by the real sealer fails with DecryptionError', async () => {
    const sealed = fromBase64(await sealGroupKeyFor(forBob, generateGroupKey(), { groupId, generation: 1 }, admin.signingPrivateKey), 'sealed');
    const tampered = new Uint8Array(sealed);
    tampered[40] = (tampered[40] as number) ^ 0x01;
    const info = utf8(`teamchat/v1/groupkey|${groupId}|1|bob`);
    const signed = concatBytes(utf8('teamchat/v1/groupkey-signature\u0000'), Uint8Array.of(1), u32(info.byteLength), info, tampered.subarray(1, 81));
    tampered.set(ed25519Sign(admin.signingPrivateKey, signed), 81);
    await assert.rejects(openGroupKey(toBase64(tampered), bobCtx, bob, admin.signingPublicKey), DecryptionError);
    // The same construction without the tamper opens, so the rejection above is HPKE's.
    const resigned = new Uint8Array(sealed);
    const honest = concatBytes(utf8('teamchat/v1/groupkey-signature\u0000'), Uint8Array.of(1), u32(info.byteLength), info, resigned.subarray(1, 81));
    resigned.set(ed25519Sign(admin.signingPrivateKey, honest), 81);
    assert.equal((await openGroupKey(toBase64(resigned), bobCtx, bob, admin.signingPublicKey)).byteLength, 32);
  });

  it('rejects an unknown version byte, a wrong length and non-base64 input', async () => {
    const sealed = await sealGroupKeyFor(forBob, generateGroupKey(), { groupId, generation: 1 }, admin.signingPrivateKey);
    await assert.rejects(openGroupKey(withByte(sealed, 0, 2), bobCtx, bob, admin.signingPublicKey), VersionError);
    const bytes = Buffer.from(sealed, 'base64');
    await assert.rejects(openGroupKey(bytes.subarray(0, -1).toString('base64'), bobCtx, bob, admin.signingPublicKey), DecryptionError);
    await assert.rejects(openGroupKey('not base64!', bobCtx, bob, admin.signingPublicKey), DecryptionError);
  });

  it('refuses bad arguments with ParameterError', async () => {
    const key = generateGroupKey();
    await assert.rejects(sealGroupKeyFor(forBob, key.subarray(0, 31), { groupId, generation: 1 }, admin.signingPrivateKey), ParameterError);
    await assert.rejects(sealGroupKeyFor(forBob, key, { groupId, generation: 0 }, admin.signingPrivateKey), ParameterError);
    await assert.rejects(sealGroupKeyFor(forBob, key, { groupId: 'a|b', generation: 1 }, admin.signingPrivateKey), ParameterError);
    await assert.rejects(sealGroupKeyFor({ username: '', encryptionPublicKey: bob.encryptionPublicKey }, key, { groupId, generation: 1 }, admin.signingPrivateKey), ParameterError);
    await assert.rejects(sealGroupKeyFor({ username: 'bob', encryptionPublicKey: new Uint8Array(31) }, key, { groupId, generation: 1 }, admin.signingPrivateKey), ParameterError);
  });
});
