// Change passphrase on a real server process with real clients: the old passphrase signs in no
// more, the new one does and opens the same vault (the same groups' history reads), another
// device's sign-in ends, and the database keeps nothing of the old passphrase that signs in.
import assert from 'node:assert/strict';
import pg from 'pg';
import { MemorySecretStore, SignedOutError, TeamChatClient, WrongCredentialsError, WrongCurrentPassphraseError } from '../../client';
import { WeakPassphraseError } from '../../client/keys/passphrase-rule';
import { deriveAccountKeys, toBase64 } from '../../common/crypto';
import { createTempDataDir } from '../support/database';
import { eventually } from '../support/eventually';
import { uniqueName } from '../server/support/api';
import { ServerWorld, TEST_CLIENT_OPTIONS } from './support/chat-world';
import { runTeamchat } from './support/cli-run';

const cli = runTeamchat;

describe('change passphrase (e2e)', function () {
  this.timeout(180_000);
  let world: ServerWorld | undefined;
  const clients: TeamChatClient[] = [];

  // Five-second access tokens: every request of another device refreshes first, so it meets the revocation at once.
  before(async () => { world = await ServerWorld.start('postgresql', { TEAMCHAT_ACCESS_TOKEN_SECONDS: '5' }); });
  after(async () => {
    await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
    await world?.close();
  });

  const userRow = async (databaseUrl: string, username: string) => {
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      return (await db.query<{ kdf: { saltB64: string }; auth_key_hash: string; key_vault: Buffer }>('SELECT kdf, auth_key_hash, key_vault FROM users WHERE username = $1', [username])).rows[0]!;
    } finally {
      await db.end();
    }
  };

  it('old passphrase refused, new one opens the same history, the other device is signed out, nothing old signs in', async () => {
    const url = world!.url;
    const username = uniqueName('pass');
    const oldPassphrase = 'the old passphrase, long enough';
    const newPassphrase = 'a brand new passphrase, also long';
    const alice = await TeamChatClient.signUp(url, username, oldPassphrase, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
    clients.push(alice);
    const group = await alice.createGroup('before-and-after');
    await alice.sendText(group.id, 'sent before the change');
    const laptop = await TeamChatClient.signIn(url, username, oldPassphrase, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
    clients.push(laptop);
    const laptopSignedOut: Error[] = [];
    laptop.on('signed-out', (error) => laptopSignedOut.push(error));
    const databaseUrl = world!.databaseUrl!;
    const before = await userRow(databaseUrl, username);
    const oldKeys = await deriveAccountKeys(oldPassphrase, alice.account.kdf);

    await assert.rejects(alice.changePassphrase('not the passphrase at all', newPassphrase), WrongCurrentPassphraseError);
    await assert.rejects(alice.changePassphrase(oldPassphrase, 'short'), WeakPassphraseError);
    assert.deepEqual(await userRow(databaseUrl, username), before, 'a refused change changes nothing');

    await alice.changePassphrase(oldPassphrase, newPassphrase);
    // This device goes on with the new sign-in's tokens.
    await alice.sendText(group.id, 'sent after the change');
    assert.ok(alice.groups().some((g) => g.id === group.id));

    await assert.rejects(laptop.refreshGroups(), SignedOutError, 'the other device is signed out');
    assert.equal(laptopSignedOut.length, 1);
    await assert.rejects(TeamChatClient.signIn(url, username, oldPassphrase, new MemorySecretStore()), WrongCredentialsError);

    const again = await TeamChatClient.signIn(url, username, newPassphrase, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
    clients.push(again);
    const bodies = (await again.history(group.id)).map((m) => m.body);
    assert.deepEqual(bodies, ['sent before the change', 'sent after the change'], 'the vault opens and the same group key reads the history');

    const after = await userRow(databaseUrl, username);
    assert.notEqual(after.kdf.saltB64, before.kdf.saltB64);
    assert.notEqual(after.auth_key_hash, before.auth_key_hash);
    assert.ok(!Buffer.from(after.key_vault).equals(Buffer.from(before.key_vault)));
    const dump = await world!.dump();
    const text = `${dump.rows}\n${dump.extraText}`;
    for (const old of [before.auth_key_hash, before.kdf.saltB64, Buffer.from(before.key_vault).toString('hex'), Buffer.from(before.key_vault).toString('base64')]) {
      assert.ok(!text.includes(old), 'nothing derived from the old passphrase is left in the database');
    }
    const oldLogin = await fetch(`${url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, authKeyB64: toBase64(oldKeys.authKey) }),
    });
    assert.equal(oldLogin.status, 401, 'the old authKey signs in no more');
  });

  it('`teamchat passphrase` changes it and re-keys the profile: the new passphrase unlocks it, the old one exits 3', async () => {
    const profile = createTempDataDir('passphrase-cli');
    try {
      const oldPassphrase = 'the CLI passphrase before, long';
      const newPassphrase = 'the CLI passphrase after, longer';
      const base = { TEAMCHAT_PROFILE: profile.dir, TEAMCHAT_SERVER: world!.url };
      const registered = await cli(['register', uniqueName('cli')], { ...base, TEAMCHAT_PASSPHRASE: oldPassphrase });
      assert.equal(registered.code, 0, registered.stderr);
      assert.equal((await cli(['create', 'cli-group'], { ...base, TEAMCHAT_PASSPHRASE: oldPassphrase })).code, 0);
      const weak = await cli(['passphrase'], { ...base, TEAMCHAT_PASSPHRASE: oldPassphrase, TEAMCHAT_NEW_PASSPHRASE: 'short' });
      assert.equal(weak.code, 2, weak.stderr);
      const wrong = await cli(['passphrase'], { ...base, TEAMCHAT_PASSPHRASE: 'not the passphrase at all', TEAMCHAT_NEW_PASSPHRASE: newPassphrase });
      assert.equal(wrong.code, 3, wrong.stderr);
      const changed = await cli(['passphrase'], { ...base, TEAMCHAT_PASSPHRASE: oldPassphrase, TEAMCHAT_NEW_PASSPHRASE: newPassphrase });
      assert.equal(changed.code, 0, changed.stderr);
      const withNew = await cli(['groups'], { ...base, TEAMCHAT_PASSPHRASE: newPassphrase });
      assert.equal(withNew.code, 0, withNew.stderr);
      assert.equal((await cli(['groups'], { ...base, TEAMCHAT_PASSPHRASE: oldPassphrase })).code, 3);
    } finally {
      profile.remove();
    }
  });
});

describe('change passphrase with the usual 15-minute access tokens (e2e)', function () {
  this.timeout(120_000);
  let world: ServerWorld | undefined;
  const clients: TeamChatClient[] = [];
  before(async () => { world = await ServerWorld.start('postgresql'); });
  after(async () => {
    await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
    await world?.close();
  });

  it("the other device's live session ends at once, not when its access token would expire", async () => {
    const username = uniqueName('pass15');
    const passphrase = 'the old passphrase, long enough';
    const alice = await TeamChatClient.signUp(world!.url, username, passphrase, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
    const laptop = await TeamChatClient.signIn(world!.url, username, passphrase, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
    clients.push(alice, laptop);
    await laptop.connect();
    const signedOut: Error[] = [];
    laptop.on('signed-out', (error) => signedOut.push(error));
    await alice.changePassphrase(passphrase, 'a brand new passphrase, also long');
    const started = Date.now();
    // Its socket is closed (4401), the refresh that follows fails, and so does the old authKey.
    await eventually('the laptop to be signed out', () => signedOut.length > 0, 5_000);
    // Seconds at most (a refresh and a refused sign-in follow the close), where the token had 15 minutes left.
    assert.ok(Date.now() - started < 3000, `signed out ${Date.now() - started} ms after the change`);
    assert.ok(signedOut[0] instanceof SignedOutError);
    await assert.rejects(laptop.refreshGroups(), SignedOutError);
  });
});
