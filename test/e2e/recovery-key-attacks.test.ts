// What a thief or a lying operator gets from the recovery key's rows, tried on real server
// processes: a database dump holds neither the recovery key nor anything that opens the
// vault sealed under it (every 32-byte value in the dump is tried as its key), and a recovery
// vault changed by SQL makes recovery fail cleanly, before anything is reset, instead of
// loading other keys.
import assert from 'node:assert/strict';
import pg from 'pg';
import { MemorySecretStore, RecoveryVaultDamagedError, TeamChatClient, type TeamChatClient as Client } from '../../client';
import { deriveAccountKeys, deriveRecoveryKeys, openKeyVault, parseRecoveryKey, toBase64 } from '../../common/crypto';
import { uniqueName } from '../server/support/api';
import { BACKENDS, ServerWorld, TEST_CLIENT_OPTIONS } from './support/chat-world';
import { base64Strings, type DatabaseDump } from './support/database-dump';
import { findSecrets } from './support/secret-scan';

const PASSPHRASE = 'a passphrase the thief does not know';

async function recoveryVaultOf(url: string, username: string, recoveryKey: string): Promise<string> {
  const recoveryAuthKeyB64 = toBase64(deriveRecoveryKeys(parseRecoveryKey(recoveryKey)).authKey);
  const res = await fetch(`${url}/api/auth/recovery/vault`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, recoveryAuthKeyB64 }) });
  assert.equal(res.status, 200);
  return ((await res.json()) as { recoveryVaultB64: string }).recoveryVaultB64;
}

/** Every value in the dump that could be a 32-byte key: base64 strings and hex runs. */
function candidateKeys(dump: DatabaseDump): Buffer[] {
  const text = `${dump.rows}\n${dump.extraText}`;
  const found = new Map<string, Buffer>();
  const add = (bytes: Buffer) => {
    for (let at = 0; at + 32 <= bytes.length; at++) found.set(bytes.subarray(at, at + 32).toString('hex'), bytes.subarray(at, at + 32));
  };
  for (const b64 of base64Strings(dump, 43)) add(Buffer.from(b64, 'base64'));
  for (const [hex] of text.matchAll(/[0-9a-f]{64,}/g)) add(Buffer.from(hex.length % 2 ? hex.slice(1) : hex, 'hex'));
  return [...found.values()];
}

for (const backend of BACKENDS) {
  describe(`recovery key against a database thief (e2e, ${backend})`, function () {
    this.timeout(180_000);
    let world: ServerWorld | undefined;
    before(async () => { world = await ServerWorld.start(backend); });
    after(async () => { await world?.close(); });

    it('a dump holds neither the recovery key nor anything that opens the recovery vault', async () => {
      const username = uniqueName('thief');
      const alice = await TeamChatClient.signUp(world!.url, username, PASSPHRASE, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      const recoveryKey = alice.takeRecoveryKey()!;
      const group = await alice.createGroup('safe-from-dumps');
      await alice.sendText(group.id, 'not for the thief');
      const keyBytes = parseRecoveryKey(recoveryKey);
      const recovery = deriveRecoveryKeys(keyBytes);
      const vaultB64 = await recoveryVaultOf(world!.url, username, recoveryKey);
      await alice.disconnect();
      const dump = await world!.dump();

      assert.ok(dump.rows.includes(Buffer.from(vaultB64, 'base64').toString('hex')), 'the recovery vault is in the dump: the thief has it');
      const secrets = [
        { label: 'recovery key text', text: recoveryKey },
        { label: 'recovery key text without dashes', text: recoveryKey.replaceAll('-', '') },
        { label: 'recovery key bytes', bytes: keyBytes },
        { label: 'recovery kek', bytes: recovery.kek },
        { label: 'recovery auth key', bytes: recovery.authKey },
        { label: 'passphrase', text: PASSPHRASE },
        { label: 'passphrase kek', bytes: alice.account.kek },
        { label: 'X25519 private key', bytes: alice.account.identity.encryptionPrivateKey },
        { label: 'Ed25519 private key', bytes: alice.account.identity.signingPrivateKey },
      ];
      assert.deepEqual(findSecrets(dump, secrets), []);
      assert.deepEqual(findSecrets(dump, [{ label: 'the vault itself', bytes: Buffer.from(vaultB64, 'base64') }]), ['the vault itself'], 'the scan finds what is there');

      const candidates = candidateKeys(dump);
      assert.ok(candidates.length > 50, `the dump has ${candidates.length} 32-byte values to try`);
      for (const candidate of [...candidates, ...candidates.map((c) => deriveRecoveryKeys(c).kek)]) {
        assert.throws(() => openKeyVault(candidate, vaultB64, username, 'recovery'), 'nothing in the dump opens the recovery vault');
      }
      assert.deepEqual(openKeyVault(recovery.kek, vaultB64, username, 'recovery'), alice.account.identity, 'the key itself does');
    });
  });
}

describe('recovery vault changed by SQL (e2e, postgresql)', function () {
  this.timeout(180_000);
  let world: ServerWorld | undefined;
  const clients: Client[] = [];
  before(async () => { world = await ServerWorld.start('postgresql'); });
  after(async () => {
    await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
    await world?.close();
  });

  const sql = async <T>(run: (db: pg.Client) => Promise<T>): Promise<T> => {
    const db = new pg.Client({ connectionString: world!.databaseUrl! });
    await db.connect();
    try {
      return await run(db);
    } finally {
      await db.end();
    }
  };
  const userRow = (username: string) => sql(async (db) => (await db.query('SELECT kdf, auth_key_hash, key_vault FROM users WHERE username = $1', [username])).rows[0] as unknown);

  const tamperings: [string, string][] = [
    ['one flipped bit in the sealed keys', `UPDATE recovery_keys SET key_vault = set_byte(key_vault, 40, get_byte(key_vault, 40) # 1) WHERE username = $1`],
    ['one flipped bit in the nonce', `UPDATE recovery_keys SET key_vault = set_byte(key_vault, 3, get_byte(key_vault, 3) # 128) WHERE username = $1`],
    ['the passphrase vault put in its place', `UPDATE recovery_keys r SET key_vault = u.key_vault FROM users u WHERE u.username = r.username AND r.username = $1`],
    ['its end cut off', `UPDATE recovery_keys SET key_vault = substring(key_vault from 1 for 100) WHERE username = $1`],
  ];
  for (const [what, update] of tamperings) {
    it(`a recovery vault with ${what} fails recovery cleanly and changes nothing`, async () => {
      const url = world!.url;
      const username = uniqueName('tamper');
      const alice = await TeamChatClient.signUp(url, username, PASSPHRASE, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      clients.push(alice);
      const recoveryKey = alice.takeRecoveryKey()!;
      await sql((db) => db.query(update, [username]));
      const before = await userRow(username);

      await assert.rejects(TeamChatClient.recover(url, username, recoveryKey, 'a new passphrase never set', new MemorySecretStore()), RecoveryVaultDamagedError);
      assert.deepEqual(await userRow(username), before, 'no reset was sent');
      await alice.refreshGroups();
      const again = await TeamChatClient.signIn(url, username, PASSPHRASE, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      clients.push(again);
      assert.deepEqual(again.account.identity, alice.account.identity, 'the passphrase still opens the real keys');
      assert.deepEqual((await deriveAccountKeys(PASSPHRASE, again.account.kdf)).authKey, alice.account.authKey);
    });
  }
});
