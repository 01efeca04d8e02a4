// Recovery with the recovery key on a real server process with real clients: alice forgets
// her passphrase and throws her device away, and the key shown at sign-up gets her back in
// with a new passphrase as the same person (bob's safety number for her does not change, her
// old history reads), the old passphrase and every other sign-in end. A wrong key changes
// nothing, a mistyped one is caught before any request, an unknown name answers like a wrong
// key, and `teamchat recover` does the same from a script.
import assert from 'node:assert/strict';
import pg from 'pg';
import {
  MemorySecretStore, MistypedRecoveryKeyError, SignedOutError, TeamChatClient, WrongCredentialsError, WrongRecoveryKeyError, type TeamChatClient as Client,
} from '../../client';
import { deriveRecoveryKeys, formatRecoveryKey, newRecoveryKey, parseRecoveryKey, toBase64 } from '../../common/crypto';
import { createTempDataDir } from '../support/database';
import { uniqueName } from '../server/support/api';
import { Inbox, ServerWorld, TEST_CLIENT_OPTIONS } from './support/chat-world';
import { aliceAndBobIn } from './support/two-members';
import { runTeamchat } from './support/cli-run';

const cli = runTeamchat;

/** A key with one character changed: what a typo does. */
function typo(key: string): string {
  const at = key.indexOf('-') + 1;
  return key.slice(0, at) + (key[at] === 'A' ? 'B' : 'A') + key.slice(at + 1);
}

describe('recovery key (e2e)', function () {
  this.timeout(180_000);
  let world: ServerWorld | undefined;
  const clients: Client[] = [];
  const keep = (client: Client) => (clients.push(client), client);

  // Five-second access tokens: every request of another device refreshes first, so it meets the revocation at once.
  before(async () => { world = await ServerWorld.start('postgresql', { TEAMCHAT_ACCESS_TOKEN_SECONDS: '5' }); });
  after(async () => {
    await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
    await world?.close();
  });

  const rows = async (username: string) => {
    const db = new pg.Client({ connectionString: world!.databaseUrl! });
    await db.connect();
    try {
      const user = (await db.query('SELECT kdf, auth_key_hash, key_vault FROM users WHERE username = $1', [username])).rows[0] as unknown;
      const recovery = (await db.query('SELECT auth_key_hash, key_vault, created_at FROM recovery_keys WHERE username = $1', [username])).rows[0] as unknown;
      const tokens = Number((await db.query('SELECT count(*) FROM refresh_tokens WHERE username = $1 AND spent_at IS NULL', [username])).rows[0].count);
      return { user, recovery, tokens };
    } finally {
      await db.end();
    }
  };

  it('forgotten passphrase, device gone: the recovery key signs alice back in as the same person, with her history; old passphrase and other sign-ins end', async () => {
    const url = world!.url;
    const { alice, bob, group } = await aliceAndBobIn(world!, 'recovered-team', { alice: 'alice passphrase she will forget', bob: 'bob passphrase, long enough' });
    keep(alice);
    keep(bob);
    const recoveryKey = alice.takeRecoveryKey();
    assert.ok(recoveryKey, 'sign-up made a recovery key');
    assert.equal(alice.takeRecoveryKey(), undefined, 'it is given once');
    assert.deepEqual(parseRecoveryKey(recoveryKey).length, 32);
    const bobsInbox = new Inbox(bob);
    await alice.sendText(group.id, 'from alice before she forgot');
    await bob.sendText(group.id, 'from bob before');
    const bobSeesAlice = await bob.checkKeys('alice');
    const keyChanges: unknown[] = [];
    bob.on('key-changed', (warning) => keyChanges.push(warning));

    const laptop = keep(await TeamChatClient.signIn(url, 'alice', 'alice passphrase she will forget', new MemorySecretStore(), TEST_CLIENT_OPTIONS));
    const laptopSignedOut: Error[] = [];
    laptop.on('signed-out', (error) => laptopSignedOut.push(error));
    // The device and its store are gone; all alice has is the recovery key.
    await alice.disconnect();

    const newPassphrase = 'alice new passphrase after recovery';
    const recovered = keep(await TeamChatClient.recover(url, 'alice', recoveryKey, newPassphrase, new MemorySecretStore(), TEST_CLIENT_OPTIONS));
    await recovered.connect();
    const history = (await recovered.history(group.id)).map((m) => [m.sender, m.body, m.status]);
    assert.deepEqual(history, [['alice', 'from alice before she forgot', 'ok'], ['bob', 'from bob before', 'ok']], 'the same keys open the group keys and the history');
    const sent = await recovered.sendText(group.id, 'alice again, after recovery');
    const arrived = await bobsInbox.next((m) => m.msgId === sent.msgId);
    assert.equal(arrived.status, 'ok', 'bob verifies her signature');
    assert.equal(arrived.body, 'alice again, after recovery');
    const bobSeesAliceNow = await bob.checkKeys('alice');
    assert.equal(bobSeesAliceNow.status, 'pinned');
    assert.equal(bobSeesAliceNow.safetyNumber, bobSeesAlice.safetyNumber, 'the same safety number: the same alice');
    assert.deepEqual(keyChanges, []);

    await assert.rejects(laptop.refreshGroups(), SignedOutError, 'the other device is signed out');
    assert.equal(laptopSignedOut.length, 1);
    await assert.rejects(TeamChatClient.signIn(url, 'alice', 'alice passphrase she will forget', new MemorySecretStore()), WrongCredentialsError);
    const withNew = keep(await TeamChatClient.signIn(url, 'alice', newPassphrase, new MemorySecretStore(), TEST_CLIENT_OPTIONS));
    assert.deepEqual((await withNew.history(group.id)).map((m) => m.body).at(-1), 'alice again, after recovery');

    // The key still works after a reset (it seals the same keys) until a new one is made.
    const again = keep(await TeamChatClient.recover(url, 'alice', recoveryKey, 'a third passphrase for alice', new MemorySecretStore(), TEST_CLIENT_OPTIONS));
    const newKey = await again.createRecoveryKey('a third passphrase for alice');
    assert.notEqual(newKey, recoveryKey);
    await assert.rejects(TeamChatClient.recover(url, 'alice', recoveryKey, 'a fourth passphrase for alice', new MemorySecretStore()), WrongRecoveryKeyError, 'the old key stops working');
    keep(await TeamChatClient.recover(url, 'alice', newKey, 'a fourth passphrase for alice', new MemorySecretStore(), TEST_CLIENT_OPTIONS));
  });

  it('a wrong key is refused and changes nothing; a typo is caught before any request; an unknown name answers like a wrong key', async () => {
    const url = world!.url;
    const username = uniqueName('wrong');
    const passphrase = 'the passphrase that still works';
    const owner = keep(await TeamChatClient.signUp(url, username, passphrase, new MemorySecretStore(), TEST_CLIENT_OPTIONS));
    const realKey = owner.takeRecoveryKey()!;
    const before = await rows(username);
    assert.ok(before.recovery, 'a recovery key is stored');

    const wrongKey = formatRecoveryKey(newRecoveryKey());
    await assert.rejects(TeamChatClient.recover(url, username, wrongKey, 'a new passphrase never set', new MemorySecretStore()), WrongRecoveryKeyError);
    assert.deepEqual(await rows(username), before, 'a wrong key changes nothing and signs nobody out');
    await owner.refreshGroups();

    // Nothing listens on port 9: only a check made before any request can answer this.
    await assert.rejects(TeamChatClient.recover('http://127.0.0.1:9', username, typo(realKey), 'a new passphrase never set', new MemorySecretStore()), MistypedRecoveryKeyError);
    await assert.rejects(TeamChatClient.recover(url, username, typo(realKey), 'a new passphrase never set', new MemorySecretStore()), /mistyped/);

    await assert.rejects(TeamChatClient.recover(url, uniqueName('nobody'), wrongKey, 'a new passphrase never set', new MemorySecretStore()), WrongRecoveryKeyError);
    const ask = (name: string) => fetch(`${url}/api/auth/recovery/vault`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: name, recoveryAuthKeyB64: toBase64(deriveRecoveryKeys(parseRecoveryKey(wrongKey)).authKey) }),
    }).then(async (res) => ({ status: res.status, body: await res.text() }));
    const [wrong, unknown] = [await ask(username), await ask(uniqueName('nobody'))];
    assert.equal(wrong.status, 401);
    assert.deepEqual(unknown, wrong, 'an unknown user gets the very same answer as a wrong key');
    assert.deepEqual(await rows(username), before);
  });

  it('`teamchat register` prints the key once; `teamchat recover` takes it from TEAMCHAT_RECOVERY_KEY and TEAMCHAT_NEW_PASSPHRASE', async () => {
    const first = createTempDataDir('recover-cli-a');
    const second = createTempDataDir('recover-cli-b');
    try {
      const username = uniqueName('cli');
      const oldPassphrase = 'the CLI passphrase, forgotten';
      const newPassphrase = 'the CLI passphrase after recovery';
      const server = { TEAMCHAT_SERVER: world!.url };
      const registered = await cli(['register', username], { ...server, TEAMCHAT_PROFILE: first.dir, TEAMCHAT_PASSPHRASE: oldPassphrase });
      assert.equal(registered.code, 0, registered.stderr);
      const shown = /Recovery key: ([0-9A-Z-]+)/.exec(registered.stdout)?.[1];
      assert.ok(shown, registered.stdout);
      assert.match(registered.stdout, /Without your passphrase or this recovery key, your messages cannot be recovered/);
      assert.equal((await cli(['create', 'cli-recovered'], { ...server, TEAMCHAT_PROFILE: first.dir, TEAMCHAT_PASSPHRASE: oldPassphrase })).code, 0);
      assert.equal((await cli(['send', 'cli-recovered', 'written before forgetting'], { ...server, TEAMCHAT_PROFILE: first.dir, TEAMCHAT_PASSPHRASE: oldPassphrase })).code, 0);

      const other = { ...server, TEAMCHAT_PROFILE: second.dir, TEAMCHAT_NEW_PASSPHRASE: newPassphrase };
      const noKey = await cli(['recover', username], other);
      assert.equal(noKey.code, 2, noKey.stderr);
      assert.match(noKey.stderr, /TEAMCHAT_RECOVERY_KEY/);
      const mistyped = await cli(['recover', username], { ...other, TEAMCHAT_RECOVERY_KEY: typo(shown) });
      assert.equal(mistyped.code, 2, mistyped.stderr);
      assert.match(mistyped.stderr, /mistyped/);
      const wrong = await cli(['recover', username], { ...other, TEAMCHAT_RECOVERY_KEY: formatRecoveryKey(newRecoveryKey()) });
      assert.equal(wrong.code, 3, wrong.stderr);
      const recovered = await cli(['recover', username], { ...other, TEAMCHAT_RECOVERY_KEY: shown.toLowerCase().replaceAll('-', ' ') });
      assert.equal(recovered.code, 0, recovered.stderr);
      assert.match(recovered.stdout, /other devices are signed out/);

      const read = await cli(['read', 'cli-recovered'], { ...server, TEAMCHAT_PROFILE: second.dir, TEAMCHAT_PASSPHRASE: newPassphrase });
      assert.equal(read.code, 0, read.stderr);
      assert.match(read.stdout, /written before forgetting/);
      assert.equal((await cli(['login', username], { ...server, TEAMCHAT_PROFILE: first.dir, TEAMCHAT_PASSPHRASE: oldPassphrase })).code, 3, 'the old passphrase is refused');

      const made = await cli(['recovery-key', '--json'], { ...server, TEAMCHAT_PROFILE: second.dir, TEAMCHAT_PASSPHRASE: newPassphrase });
      assert.equal(made.code, 0, made.stderr);
      const { recoveryKey } = JSON.parse(made.stdout) as { recoveryKey: string };
      assert.notEqual(recoveryKey, shown);
      const stale = await cli(['recover', username], { ...other, TEAMCHAT_PROFILE: first.dir, TEAMCHAT_RECOVERY_KEY: shown });
      assert.equal(stale.code, 3, 'a new key replaces the old one');
      const cleared = await cli(['recovery-key', '--clear'], { ...server, TEAMCHAT_PROFILE: second.dir, TEAMCHAT_PASSPHRASE: newPassphrase });
      assert.equal(cleared.code, 0, cleared.stderr);
      assert.match(cleared.stdout, /cannot be recovered/);
      const gone = await cli(['recover', username], { ...other, TEAMCHAT_PROFILE: first.dir, TEAMCHAT_RECOVERY_KEY: recoveryKey });
      assert.equal(gone.code, 3, 'a removed key opens nothing');
      const login = await cli(['login', username], { ...server, TEAMCHAT_PROFILE: second.dir, TEAMCHAT_PASSPHRASE: newPassphrase });
      assert.equal(login.code, 0, login.stderr);
      assert.match(login.stderr, /no recovery key: if you forget your passphrase, your messages cannot be recovered/);
    } finally {
      first.remove();
      second.remove();
    }
  });
});

describe('recovery key at sign-up when the server refuses it (e2e)', function () {
  this.timeout(120_000);
  let world: ServerWorld | undefined;
  // Two attempts a minute per route: the third recovery key of this address is refused (429).
  before(async () => { world = await ServerWorld.start('postgresql', { TEAMCHAT_AUTH_RATE_LIMIT: '2' }); });
  after(async () => { await world?.close(); });

  it('the account is made and signed in without one, and says so (takeRecoveryKey is undefined, the status says none)', async () => {
    const first = await TeamChatClient.signUp(world!.url, uniqueName('first'), 'first passphrase, long enough', new MemorySecretStore(), TEST_CLIENT_OPTIONS);
    assert.ok(first.takeRecoveryKey());
    await first.createRecoveryKey('first passphrase, long enough');
    const second = await TeamChatClient.signUp(world!.url, uniqueName('second'), 'second passphrase, long enough', new MemorySecretStore(), TEST_CLIENT_OPTIONS);
    assert.equal(second.takeRecoveryKey(), undefined);
    assert.deepEqual(await second.api.recoveryKeyStatus(), { exists: false });
    assert.deepEqual(await second.refreshGroups(), [], 'the account works');
    await Promise.all([first.disconnect(), second.disconnect()]);
  });
});
