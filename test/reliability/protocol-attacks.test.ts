import assert from 'node:assert/strict';
import type { GroupView, HistoryPage, LogPage } from '../../common/api';
import { verifyGroupLog, type LogHead } from '../../common/group-log';
import { createIdentity, encryptGroupMessage, newMsgId, openGroupKey, type Identity } from '../../common/crypto';
import { KeyChangedError, MemorySecretStore, type ChatMessage, type Group, type TeamChatClient } from '../../client';
import { createAccount, startTeamChatClient, type Account } from './support/accounts';
import { call, expectStatus } from './support/api';
import { DatabaseTampering } from './support/database-tampering';
import { RowCounter, changedTables } from './support/row-counts';
import { startServerUnderTest, type ServerUnderTest } from './support/server-under-test';

const REJECTED: readonly string[] = ['could-not-decrypt', 'bad-signature'];
const text = (body: string) => ({ v: 1 as const, kind: 'text' as const, body, sentAt: new Date().toISOString() });

describe('reliability: protocol attacks', function () {
  this.timeout(120_000);
  let server: ServerUnderTest;
  let tamper: DatabaseTampering;
  let rows: RowCounter;
  let people: Record<'alice' | 'bob' | 'carol' | 'dave' | 'mallory', Account>;
  const clients: TeamChatClient[] = [];

  before(async function () {
    this.timeout(180_000);
    server = await startServerUnderTest('attacks');
    const accounts = await Promise.all(['alice', 'bob', 'carol', 'dave', 'mallory'].map((n) => createAccount(server.baseUrl, n)));
    people = Object.fromEntries(accounts.map((a) => [a.username, a])) as typeof people;
    tamper = await DatabaseTampering.open(server.databaseUrl);
    rows = await RowCounter.open(server.databaseUrl);
  });

  after(async function () {
    await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
    await tamper?.close();
    await rows?.close();
    await server?.stop();
  });

  async function clientFor(account: Account, store = new MemorySecretStore()): Promise<TeamChatClient> {
    const client = await startTeamChatClient(server.baseUrl, account, store);
    clients.push(client);
    return client;
  }

  async function storedBlob(account: Account, groupId: string, msgId: string): Promise<string> {
    const answer = await call(server.baseUrl, 'GET', `/api/groups/${groupId}/messages?after=0&limit=200`, { token: account.token });
    expectStatus(answer, 200, 'history');
    const found = (answer.json as HistoryPage).messages.find((m) => m.msgId === msgId);
    if (!found) throw new Error(`message ${msgId} is not stored in ${groupId}`);
    return found.encryptedBlobB64;
  }

  async function readAs(client: TeamChatClient, group: Group, msgId: string): Promise<ChatMessage> {
    await client.refreshGroups();
    const found = (await client.history(group.id)).find((m) => m.msgId === msgId);
    if (!found) throw new Error(`${client.username} does not see ${msgId} in ${group.name}`);
    return found;
  }

  /** The head of the group log as a member's client verifies it. */
  async function logHeadAs(account: Account, groupId: string): Promise<LogHead> {
    const answer = await call(server.baseUrl, 'GET', `/api/groups/${groupId}/log`, { token: account.token });
    expectStatus(answer, 200, `${account.username} reads the group log`);
    return (await verifyGroupLog(groupId, (answer.json as LogPage).links.map((l) => l.link))).head;
  }

  /** The generation-1 key as the removed member holds it, opened from his own sealed copy. */
  async function keyHeldBy(account: Account, groupId: string, sealer: Identity): Promise<Uint8Array> {
    const answer = await call(server.baseUrl, 'GET', `/api/groups/${groupId}`, { token: account.token });
    expectStatus(answer, 200, `${account.username} reads the group`);
    const sealed = (answer.json as GroupView).keys.find((k) => k.generation === 1);
    if (!sealed) throw new Error(`${account.username} holds no generation 1 key`);
    return openGroupKey(sealed.encryptedGroupKeyB64, { groupId, generation: 1, username: account.username }, account.identity, sealer.signingPublicKey);
  }

  describe('a blob replayed into another group', function () {
    let original: { groupId: string; msgId: string; blob: string };
    let alice: TeamChatClient;
    let bob: TeamChatClient;

    before(async function () {
      alice = await clientFor(people.alice);
      bob = await clientFor(people.bob);
      const alpha = await alice.createGroup('alpha');
      await alice.addMember(alpha, 'bob');
      const sent = await alice.sendText(alpha, 'the release key is in the vault');
      original = { groupId: alpha.id, msgId: sent.msgId, blob: await storedBlob(people.alice, alpha.id, sent.msgId) };
    });

    // The signature covers the AAD that names the group, and is checked before decrypting:
    // a replay fails there first, so the reader sees bad-signature (or could-not-decrypt).
    it('a member of the other group reposting it: readers see it fail, never ok', async function () {
      const beta = await alice.createGroup('beta');
      await alice.addMember(beta, 'bob');
      await alice.addMember(beta, 'mallory');
      const replay = await call(server.baseUrl, 'POST', `/api/groups/${beta.id}/messages`, {
        token: people.mallory.token, body: { msgId: original.msgId, generation: 1, encryptedBlobB64: original.blob },
      });
      expectStatus(replay, 201, 'the server cannot tell a replay from a message');
      const seen = await readAs(bob, beta, original.msgId);
      assert.ok(REJECTED.includes(seen.status), seen.status);
      assert.equal(seen.body, undefined);
    });

    it('the server copying the row, sender and msgId intact: readers see it fail, never ok', async function () {
      const gamma = await bob.createGroup('gamma');
      await bob.addMember(gamma, 'carol');
      await tamper.insertMessage({ groupId: gamma.id, msgId: original.msgId, sender: 'alice', generation: 1, encryptedBlobB64: original.blob });
      const carol = await clientFor(people.carol);
      const seen = await readAs(carol, gamma, original.msgId);
      assert.ok(REJECTED.includes(seen.status), seen.status);
      assert.equal(seen.body, undefined);
    });
  });

  describe('a removed member\u2019s old key used for a new message', function () {
    let delta: Group;
    let oldKey: Uint8Array;
    let daveSaw: LogHead;
    let bob: TeamChatClient;

    before(async function () {
      const alice = await clientFor(people.alice);
      bob = await clientFor(people.bob);
      delta = await alice.createGroup('delta');
      await alice.addMember(delta, 'bob');
      await alice.addMember(delta, 'dave');
      oldKey = await keyHeldBy(people.dave, delta.id, people.alice.identity);
      daveSaw = await logHeadAs(people.dave, delta.id);
      const removed = await alice.removeMember(delta.id, 'dave');
      assert.equal(removed.generation, 2, 'removing dave rotates to generation 2');
    });

    it('the removed member posting under his old generation is refused (404: no longer a member)', async function () {
      const before = await rows.count();
      const msgId = newMsgId();
      const blob = encryptGroupMessage(text('still here'), { groupId: delta.id, generation: 1, sender: 'dave', msgId }, oldKey, people.dave.identity.signingPrivateKey);
      const answer = await call(server.baseUrl, 'POST', `/api/groups/${delta.id}/messages`, { token: people.dave.token, body: { msgId, generation: 1, encryptedBlobB64: blob } });
      expectStatus(answer, 404, 'removed member posts');
      assert.deepEqual(changedTables(before, await rows.count()), []);
    });

    it('a member posting under the stale generation is refused with 409 generation_stale', async function () {
      const before = await rows.count();
      const msgId = newMsgId();
      const blob = encryptGroupMessage(text('old key'), { groupId: delta.id, generation: 1, sender: 'bob', msgId }, oldKey, people.bob.identity.signingPrivateKey);
      const answer = await call(server.baseUrl, 'POST', `/api/groups/${delta.id}/messages`, { token: people.bob.token, body: { msgId, generation: 1, encryptedBlobB64: blob } });
      expectStatus(answer, 409, 'stale generation');
      assert.equal((answer.json as { error: string }).error, 'generation_stale');
      assert.deepEqual(changedTables(before, await rows.count()), []);
    });

    it('a row the removed member seals with his old key and the last log head he saw, stored after the rotation, is marked stale-key for members', async function () {
      const alice = await clientFor(people.alice);
      const after = await alice.sendText(delta.id, 'dave is gone, generation 2 from here');
      const msgId = newMsgId();
      // Dave signs with his own key under the generation he still holds, naming the log head he
      // last saw as a member; the server (or its database) stores it anyway.
      const blob = encryptGroupMessage({ ...text('still here, trust me'), log: daveSaw }, { groupId: delta.id, generation: 1, sender: 'dave', msgId }, oldKey, people.dave.identity.signingPrivateKey);
      await tamper.insertMessage({ groupId: delta.id, msgId, sender: 'dave', generation: 1, encryptedBlobB64: blob });
      const seen = await readAs(bob, delta, msgId);
      assert.equal(seen.status, 'stale-key', seen.problem);
      assert.equal(seen.body, undefined);
      assert.equal((await readAs(bob, delta, after.msgId)).status, 'ok', 'the message under generation 2 before it reads fine');
      // A fresh client reading the history from its newest page back reaches the same verdict.
      const freshAlice = await clientFor(people.alice);
      const fresh = await readAs(freshAlice, delta, msgId);
      assert.equal(fresh.status, 'stale-key');
    });

    it('the same row naming no log position is marked as not fitting the group log', async function () {
      const msgId = newMsgId();
      const blob = encryptGroupMessage(text('no position'), { groupId: delta.id, generation: 1, sender: 'dave', msgId }, oldKey, people.dave.identity.signingPrivateKey);
      await tamper.insertMessage({ groupId: delta.id, msgId, sender: 'dave', generation: 1, encryptedBlobB64: blob });
      const seen = await readAs(bob, delta, msgId);
      assert.equal(seen.status, 'log-mismatch', seen.problem);
      assert.match(seen.problem ?? '', /names no position in the group log/);
      assert.equal(seen.body, undefined);
    });

    it('a forged row under the current generation, sealed with the old key, does not decrypt for members', async function () {
      const msgId = newMsgId();
      // Dave has no generation-2 key: the best he can do is the old key under the new label.
      const blob = encryptGroupMessage(text('forged'), { groupId: delta.id, generation: 2, sender: 'dave', msgId }, oldKey, people.dave.identity.signingPrivateKey);
      await tamper.insertMessage({ groupId: delta.id, msgId, sender: 'dave', generation: 2, encryptedBlobB64: blob });
      const seen = await readAs(bob, delta, msgId);
      assert.equal(seen.status, 'could-not-decrypt');
      assert.equal(seen.body, undefined);
    });

    it('a forged row posing as another member fails the signature check', async function () {
      const msgId = newMsgId();
      // Dave signs with his own key but claims bob sent it, under the old generation he holds.
      const blob = encryptGroupMessage(text('bob says hi'), { groupId: delta.id, generation: 1, sender: 'bob', msgId }, oldKey, people.dave.identity.signingPrivateKey);
      await tamper.insertMessage({ groupId: delta.id, msgId, sender: 'bob', generation: 1, encryptedBlobB64: blob });
      const alice = await clientFor(people.alice);
      const seen = await readAs(alice, delta, msgId);
      assert.equal(seen.status, 'bad-signature');
      assert.equal(seen.body, undefined);
    });
  });

  describe('a member\u2019s public key swapped on the server', function () {
    const aliceStore = new MemorySecretStore();
    let epsilon: Group;
    let attacker: Identity;

    before(async function () {
      const alice = await clientFor(people.alice, aliceStore);
      epsilon = await alice.createGroup('epsilon');
      // Adding bob pins his keys in alice's store (trust on first use).
      await alice.addMember(epsilon, 'bob');
      await alice.disconnect();
      attacker = createIdentity();
      await tamper.swapPublicKeys('bob', attacker.encryptionPublicKey);
    });

    it('alice\u2019s client seals a rotation to the key the group log vouched for, never the swapped one, and the lookup warns', async function () {
      const alice = await clientFor(people.alice, aliceStore);
      const answer = await alice.rotate(epsilon.id);
      assert.equal(answer.generation, 2);
      const sealed = await call(server.baseUrl, 'GET', `/api/groups/${epsilon.id}`, { token: people.bob.token });
      const copy = (sealed.json as GroupView).keys.find((k) => k.generation === 2);
      assert.ok(copy, 'bob got generation 2');
      const ctx = { groupId: epsilon.id, generation: 2, username: 'bob' };
      await openGroupKey(copy.encryptedGroupKeyB64, ctx, people.bob.identity, people.alice.identity.signingPublicKey);
      await assert.rejects(openGroupKey(copy.encryptedGroupKeyB64, ctx, { ...attacker, encryptionPublicKey: attacker.encryptionPublicKey }, people.alice.identity.signingPublicKey));
      const warnings: KeyChangedError[] = [];
      alice.on('key-changed', (warning) => warnings.push(warning));
      assert.equal((await alice.checkKeys('bob')).status, 'changed');
    });

    it('alice\u2019s client refuses to add bob to a new group under the swapped key', async function () {
      const alice = await clientFor(people.alice, aliceStore);
      const zeta = await alice.createGroup('zeta');
      const before = await rows.count();
      await assert.rejects(alice.addMember(zeta, 'bob'), (error: unknown) => error instanceof KeyChangedError && error.username === 'bob');
      assert.deepEqual(changedTables(before, await rows.count()), [], 'nothing was sealed or stored');
    });
  });
});
