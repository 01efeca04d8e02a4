import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DecryptionError,
  RECOVERY_KEY_CHARS,
  RecoveryKeyTypoError,
  WrongPassphraseError,
  createIdentity,
  deriveRecoveryKeys,
  formatRecoveryKey,
  newRecoveryKey,
  openKeyVault,
  parseRecoveryKey,
  sealKeyVault,
} from '../../../common/crypto';
import { key32Arb } from './helpers';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
// Key bytes 00 01 … 1f. Text and HKDF outputs were computed by a separate Python script
// (hmac/hashlib, RFC 5869 with an empty salt), not by this code.
const VECTOR = {
  key: new Uint8Array(32).map((_, i) => i),
  text: '000G-40R4-0M30-E209-185G-R38E-1W81-24GK-2GAH-C5RR-34D1-P70X-3RFJ-JE2A',
  kekHex: '320fc9e2340c47edac55e2942e181cbbe86afc61b5657a5fd7505001b44f00ef',
  authKeyHex: '24466e5ae5db1e4ec00cb4bfa344a59edb2fc070730dc1f1c498cc10b8d83784',
};

describe('recovery key', () => {
  it('matches the known-answer vector: text, recovery kek and recovery auth key', () => {
    assert.equal(formatRecoveryKey(VECTOR.key), VECTOR.text);
    const keys = deriveRecoveryKeys(VECTOR.key);
    assert.equal(Buffer.from(keys.kek).toString('hex'), VECTOR.kekHex);
    assert.equal(Buffer.from(keys.authKey).toString('hex'), VECTOR.authKeyHex);
  });

  it('round-trips any 32 bytes, and reads back what people do to a key (case, spaces, no dashes, I/L/O)', () => {
    fc.assert(fc.property(key32Arb, (key) => {
      const text = formatRecoveryKey(key);
      assert.match(text, /^([0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/);
      assert.deepEqual(parseRecoveryKey(text), key);
      assert.deepEqual(parseRecoveryKey(` ${text.toLowerCase().replaceAll('-', ' ')}\n`), key);
      assert.deepEqual(parseRecoveryKey(text.replaceAll('-', '').replaceAll('1', 'l').replaceAll('0', 'O')), key);
    }));
    assert.equal(RECOVERY_KEY_CHARS, 56);
  });

  it('catches every single-character typo of a key (each position, every other letter) before any request', () => {
    for (const key of [VECTOR.key, newRecoveryKey()]) {
      const chars = formatRecoveryKey(key).replaceAll('-', '');
      let tried = 0;
      for (let at = 0; at < chars.length; at++) {
        for (const other of ALPHABET) {
          if (other === chars[at]) continue;
          const typo = chars.slice(0, at) + other + chars.slice(at + 1);
          assert.throws(() => parseRecoveryKey(typo), RecoveryKeyTypoError, `position ${at} as ${other}`);
          tried++;
        }
      }
      assert.equal(tried, 56 * 31);
    }
  });

  it('catches two swapped neighbours, a missing or an extra character, and a letter that is no base32 digit', () => {
    const chars = formatRecoveryKey(VECTOR.key).replaceAll('-', '');
    for (let at = 0; at + 1 < chars.length; at++) {
      if (chars[at] === chars[at + 1]) continue;
      const swapped = chars.slice(0, at) + chars[at + 1] + chars[at] + chars.slice(at + 2);
      assert.throws(() => parseRecoveryKey(swapped), RecoveryKeyTypoError);
    }
    assert.throws(() => parseRecoveryKey(chars.slice(1)), /55 letters and digits, not 56/);
    assert.throws(() => parseRecoveryKey(`${chars}0`), /57 letters and digits, not 56/);
    assert.throws(() => parseRecoveryKey(`U${chars.slice(1)}`), /"U" is not one of its letters/);
  });

  it('seals the key vault under the recovery kek: opens with it, not with the passphrase purpose nor another key', () => {
    const identity = createIdentity();
    const { kek } = deriveRecoveryKeys(newRecoveryKey());
    const vault = sealKeyVault(kek, identity, 'alice', 'recovery');
    assert.deepEqual(openKeyVault(kek, vault, 'alice', 'recovery'), identity);
    assert.throws(() => openKeyVault(kek, vault, 'alice'), WrongPassphraseError, 'the aad names the purpose');
    assert.throws(() => openKeyVault(kek, vault, 'mallory', 'recovery'), DecryptionError, 'the aad names the user');
    const other = deriveRecoveryKeys(newRecoveryKey()).kek;
    assert.throws(() => openKeyVault(other, vault, 'alice', 'recovery'), (e: unknown) => e instanceof DecryptionError && !(e instanceof WrongPassphraseError));
    const { kek: passphraseKek } = deriveRecoveryKeys(newRecoveryKey());
    assert.throws(() => openKeyVault(passphraseKek, sealKeyVault(passphraseKek, identity, 'alice'), 'alice', 'recovery'), DecryptionError);
  });

  it('derives a kek and an auth key that differ from each other and from the key', () => {
    fc.assert(fc.property(key32Arb, (key) => {
      const { kek, authKey } = deriveRecoveryKeys(key);
      assert.notDeepEqual(kek, authKey);
      assert.notDeepEqual(kek, key);
      assert.notDeepEqual(authKey, key);
    }), { numRuns: 50 });
  });
});
