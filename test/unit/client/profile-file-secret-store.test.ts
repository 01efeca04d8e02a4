import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newKdfParams } from '../../../common/crypto';
import {
  ProfileFileSecretStore,
  ProfileLockedError,
  profileFile,
  profileKeyFromKek,
  readProfileHeader,
} from '../../../client/secrets/profile-file-secret-store';

describe('encrypted profile file', () => {
  let dir: string;
  const header = { server: 'https://chat.example.com', username: 'alice', kdf: newKdfParams() };
  const key = profileKeyFromKek(new Uint8Array(randomBytes(32)));

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'teamchat-profile-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps values across opens, and only ciphertext on disk', async () => {
    const store = await ProfileFileSecretStore.create(dir, header, key);
    await store.set('teamchat.session', 'refresh-token-value-that-must-not-leak');
    const reopened = await ProfileFileSecretStore.open(dir, key);
    assert.equal(await reopened!.get('teamchat.session'), 'refresh-token-value-that-must-not-leak');
    assert.ok(!readFileSync(profileFile(dir), 'utf8').includes('refresh-token-value'));
    assert.deepEqual(await readProfileHeader(dir), header);
  });

  it('does not open with another key', async () => {
    await ProfileFileSecretStore.create(dir, header, key);
    await assert.rejects(ProfileFileSecretStore.open(dir, profileKeyFromKek(new Uint8Array(32))), ProfileLockedError);
  });

  it('does not open when the public header was changed (it is bound into the encryption)', async () => {
    const store = await ProfileFileSecretStore.create(dir, header, key);
    await store.set('x', 'y');
    const file = JSON.parse(readFileSync(profileFile(dir), 'utf8'));
    writeFileSync(profileFile(dir), JSON.stringify({ ...file, server: 'https://evil.example.com' }));
    await assert.rejects(ProfileFileSecretStore.open(dir, key), ProfileLockedError);
  });

  it('answers undefined for a folder without a profile', async () => {
    assert.equal(await ProfileFileSecretStore.open(dir, key), undefined);
    assert.equal(await readProfileHeader(dir), undefined);
  });
});
