import assert from 'node:assert/strict';
import { hkdfSync } from 'node:crypto';
import { hashRaw, type Algorithm, type Version } from '@node-rs/argon2';
import { KDF_DEFAULTS, ParameterError, assertKdfParams, deriveAccountKeys, newKdfParams, type KdfParams } from '../../../common/crypto';
import { sameBytes } from './helpers';

describe('account key derivation', () => {
  const kdf = newKdfParams();
  const passphrase = 'correct horse battery staple';

  it('defaults to Argon2id v19, 64 MiB, t=3, p=4 with a fresh 16-byte salt', () => {
    assert.deepEqual(KDF_DEFAULTS, { algorithm: 'argon2id', version: 19, memoryKiB: 65536, iterations: 3, parallelism: 4 });
    const a = newKdfParams();
    assert.equal(Buffer.from(a.saltB64, 'base64').byteLength, 16);
    assert.notEqual(a.saltB64, newKdfParams().saltB64);
    assert.doesNotThrow(() => assertKdfParams(a));
  });

  it('refuses parameters weaker than the defaults, malformed, or large enough to hang a client', () => {
    const bad: Partial<Record<keyof KdfParams, unknown>>[] = [
      { memoryKiB: 32768 },
      { iterations: 2 },
      { parallelism: 0 },
      { memoryKiB: 8 * 1024 * 1024 },
      { iterations: 1000 },
      { algorithm: 'argon2i' },
      { version: 16 },
      { saltB64: Buffer.alloc(8).toString('base64') },
      { saltB64: 'not base64!' },
      { memoryKiB: 65536.5 },
    ];
    for (const change of bad) {
      assert.throws(() => assertKdfParams({ ...kdf, ...change } as KdfParams), ParameterError, JSON.stringify(change));
    }
  });

  // The rest derives with the protocol's full parameters: three Argon2id runs in all.
  it('is Argon2id(passphrase, salt, t=3, m=64 MiB, p=4) split by HKDF-SHA256 into authKey and kek', async function () {
    this.timeout(60_000);
    const keys = await deriveAccountKeys(passphrase, kdf);
    const master = await hashRaw(Buffer.from(passphrase), {
      algorithm: 2 as Algorithm,
      version: 1 as Version,
      memoryCost: 65536,
      timeCost: 3,
      parallelism: 4,
      outputLen: 32,
      salt: Buffer.from(kdf.saltB64, 'base64'),
    });
    const expand = (info: string) => new Uint8Array(hkdfSync('sha256', master, Buffer.alloc(0), Buffer.from(info), 32));
    assert.ok(sameBytes(keys.authKey, expand('teamchat/v1/auth')));
    assert.ok(sameBytes(keys.kek, expand('teamchat/v1/kek')));
    assert.ok(!sameBytes(keys.authKey, keys.kek));
  });

  it('gives the same keys for the same passphrase in either Unicode normal form, different keys for another', async function () {
    this.timeout(60_000);
    const composed = await deriveAccountKeys('Caf\u00e9 au lait', kdf);
    const decomposed = await deriveAccountKeys('Cafe\u0301 au lait', kdf);
    assert.ok(sameBytes(composed.kek, decomposed.kek));
    assert.ok(sameBytes(composed.authKey, decomposed.authKey));
    const other = await deriveAccountKeys('Cafe au lait', kdf);
    assert.ok(!sameBytes(composed.kek, other.kek));
  });

  it('refuses an empty passphrase and weak parameters before running Argon2id', async () => {
    await assert.rejects(deriveAccountKeys('', kdf), ParameterError);
    await assert.rejects(deriveAccountKeys(passphrase, { ...kdf, memoryKiB: 1024 }), ParameterError);
  });
});
