import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DecryptionError,
  ParameterError,
  VersionError,
  WrongPassphraseError,
  createIdentity,
  deriveAccountKeys,
  newKdfParams,
  openKeyVault,
  sealKeyVault,
  type AccountKeys,
} from '../../../common/crypto';
import { everyBitFlip, key32Arb, sameBytes, usernameArb, withByte } from './helpers';

describe('key vault', () => {
  const kdf = newKdfParams();
  let keys: AccountKeys;
  // Argon2id is 64 MiB and t=3: derive once, reuse everywhere this file is not about derivation.
  before(async function () {
    this.timeout(60_000);
    keys = await deriveAccountKeys('correct horse battery staple', kdf);
  });

  it('opens to the identity it sealed, under the kek derived from the passphrase', () => {
    const identity = createIdentity();
    const opened = openKeyVault(keys.kek, sealKeyVault(keys.kek, identity, 'alice'), 'alice');
    assert.deepEqual(opened, identity);
  });

  it('round-trips any identity, kek and username (property)', () => {
    fc.assert(
      fc.property(key32Arb, usernameArb, (kek, username) => {
        const identity = createIdentity();
        const opened = openKeyVault(kek, sealKeyVault(kek, identity, username), username);
        return (
          sameBytes(opened.encryptionPrivateKey, identity.encryptionPrivateKey) &&
          sameBytes(opened.encryptionPublicKey, identity.encryptionPublicKey) &&
          sameBytes(opened.signingPrivateKey, identity.signingPrivateKey) &&
          sameBytes(opened.signingPublicKey, identity.signingPublicKey)
        );
      }),
      { numRuns: 100 },
    );
  });

  it('uses a fresh nonce: sealing twice gives different vaults', () => {
    const identity = createIdentity();
    assert.notEqual(sealKeyVault(keys.kek, identity, 'alice'), sealKeyVault(keys.kek, identity, 'alice'));
  });

  it('fails with WrongPassphraseError and a clear message under a wrong passphrase', async function () {
    this.timeout(60_000);
    const vault = sealKeyVault(keys.kek, createIdentity(), 'alice');
    const wrong = await deriveAccountKeys('correct horse battery stapler', kdf);
    assert.throws(() => openKeyVault(wrong.kek, vault, 'alice'), (error: unknown) => {
      assert.ok(error instanceof WrongPassphraseError);
      assert.ok(error instanceof DecryptionError);
      assert.match(error.message, /passphrase is wrong.*try again/);
      return true;
    });
  });

  it('is bound to its username: another account cannot open it', () => {
    const vault = sealKeyVault(keys.kek, createIdentity(), 'alice');
    assert.throws(() => openKeyVault(keys.kek, vault, 'mallory'), WrongPassphraseError);
  });

  it('rejects every single flipped bit: the version byte with VersionError, any other with WrongPassphraseError', () => {
    const vault = sealKeyVault(keys.kek, createIdentity(), 'alice');
    let flips = 0;
    for (const { byte, flipped } of everyBitFlip(vault)) {
      assert.throws(() => openKeyVault(keys.kek, flipped, 'alice'), byte === 0 ? VersionError : WrongPassphraseError);
      flips++;
    }
    assert.equal(flips, (1 + 12 + 128 + 16) * 8);
  });

  it('rejects an unknown version byte with VersionError naming the version', () => {
    const vault = withByte(sealKeyVault(keys.kek, createIdentity(), 'alice'), 0, 2);
    assert.throws(() => openKeyVault(keys.kek, vault, 'alice'), (error: unknown) => {
      assert.ok(error instanceof VersionError);
      assert.equal(error.version, 2);
      assert.match(error.message, /version 2.*update TeamChat/);
      return true;
    });
  });

  it('rejects a truncated, extended or non-base64 vault with DecryptionError', () => {
    const vault = sealKeyVault(keys.kek, createIdentity(), 'alice');
    const bytes = Buffer.from(vault, 'base64');
    assert.throws(() => openKeyVault(keys.kek, bytes.subarray(0, -1).toString('base64'), 'alice'), DecryptionError);
    assert.throws(() => openKeyVault(keys.kek, Buffer.concat([bytes, Buffer.of(0)]).toString('base64'), 'alice'), DecryptionError);
    assert.throws(() => openKeyVault(keys.kek, `${vault}!`, 'alice'), DecryptionError);
    assert.throws(() => openKeyVault(keys.kek, '', 'alice'), VersionError);
  });

  it('refuses to seal an identity whose public keys do not match its private keys', () => {
    const identity = createIdentity();
    const other = createIdentity();
    assert.throws(() => sealKeyVault(keys.kek, { ...identity, signingPublicKey: other.signingPublicKey }, 'alice'), ParameterError);
    assert.throws(() => sealKeyVault(keys.kek, { ...identity, encryptionPublicKey: other.encryptionPublicKey }, 'alice'), ParameterError);
  });

  it('never puts key material in its errors', () => {
    const identity = createIdentity();
    const vault = sealKeyVault(keys.kek, identity, 'alice');
    try {
      openKeyVault(new Uint8Array(32), vault, 'alice');
      assert.fail('opened under a wrong kek');
    } catch (error) {
      const text = `${(error as Error).message} ${String((error as Error).stack)}`;
      for (const secret of [keys.kek, identity.signingPrivateKey, identity.encryptionPrivateKey]) {
        assert.ok(!text.includes(Buffer.from(secret).toString('base64')));
        assert.ok(!text.includes(Buffer.from(secret).toString('hex')));
      }
    }
  });
});
