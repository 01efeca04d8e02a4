// The attacks of the verifiable-groups issue, each as an operator would run it: SQL on the
// database, or a proxy in front of the API that lies. In each, honest clients refuse or mark
// it with a named reason, keep talking where that is safe, and the intruder reads nothing
// written after the tampering.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { GroupView, MemberView, PublicUserView } from '../../common/api';
import { encryptGroupMessage, generateGroupKey, newMsgId, openGroupKey, sealGroupKeyFor, toBase64 } from '../../common/crypto';
import { makeLink, verifyGroupLog } from '../../common/group-log';
import {
  GroupVerificationError, MemorySecretStore, ProtocolError, type ChatMessage, type Group, type SecretStore, type TeamChatClient,
} from '../../client';
import { createAccount, startTeamChatClient, type Account } from './support/accounts';
import { call, expectStatus } from './support/api';
import { DatabaseTampering } from './support/database-tampering';
import { LyingProxy } from './support/lying-proxy';
import { startServerUnderTest, type ServerUnderTest } from './support/server-under-test';

type Name = 'alice' | 'bob' | 'carol' | 'dave' | 'mallory';

describe('reliability: a hostile server against the signed group log', function () {
  this.timeout(180_000);
  let server: ServerUnderTest;
  let db: DatabaseTampering;
  let people: Record<Name, Account>;
  const clients: TeamChatClient[] = [];
  const proxies: LyingProxy[] = [];

  before(async function () {
    server = await startServerUnderTest('group-log');
    const accounts = await Promise.all(['alice', 'bob', 'carol', 'dave', 'mallory'].map((n) => createAccount(server.baseUrl, n)));
    people = Object.fromEntries(accounts.map((a) => [a.username, a])) as typeof people;
    db = await DatabaseTampering.open(server.databaseUrl);
  });

  after(async function () {
    await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
    await Promise.all(proxies.map((p) => p.close()));
    await db?.close();
    await server?.stop();
  });

  async function clientFor(name: Name, store: SecretStore = new MemorySecretStore(), baseUrl = server.baseUrl): Promise<TeamChatClient> {
    const client = await startTeamChatClient(baseUrl, people[name], store);
    clients.push(client);
    return client;
  }

  /** alice's group with these members, made through the real client. */
  async function groupOf(name: string, members: Name[]): Promise<{ alice: TeamChatClient; group: Group }> {
    const alice = await clientFor('alice');
    const group = await alice.createGroup(name);
    for (const member of members) await alice.addMember(group.id, member);
    return { alice, group: await alice.group(group.id) };
  }

  async function verification(client: TeamChatClient, groupId: string) {
    const group = await client.refreshGroup(groupId);
    assert.ok(group, `${client.username} still sees the group`);
    return group.verification;
  }

  async function read(client: TeamChatClient, groupId: string, msgId: string): Promise<ChatMessage> {
    const found = (await client.history(groupId)).find((m) => m.msgId === msgId);
    assert.ok(found, `${client.username} sees ${msgId}`);
    return found;
  }

  async function keyRowsOf(username: string, groupId: string): Promise<number> {
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM group_member_keys WHERE group_id = $1 AND username = $2', [groupId, username]);
    return rows[0]?.n ?? -1;
  }

  /** The log as the server stores it, verified here: what a hostile member's own tooling would start from. */
  async function serverLog(groupId: string, as: Account) {
    const answer = await call(server.baseUrl, 'GET', `/api/groups/${groupId}/log`, { token: as.token });
    expectStatus(answer, 200, 'the group log');
    return verifyGroupLog(groupId, (answer.json as { links: { link: string }[] }).links.map((l) => l.link));
  }

  const isVerificationError = (reason: string) => (e: unknown) => e instanceof GroupVerificationError && e.reason === reason;

  it('a ghost membership row: the removal that would seal to it is refused (server-disagrees); members keep talking; the ghost gets no key', async () => {
    const { alice, group } = await groupOf('ghost-removal', ['bob', 'carol']);
    const bob = await clientFor('bob');
    await db.query('INSERT INTO group_memberships (group_id, username, is_admin, read_seq) VALUES ($1, $2, false, 0)', [group.id, 'mallory']);

    await assert.rejects(alice.removeMember(group.id, 'carol'), isVerificationError('server-disagrees'));
    const seen = await verification(alice, group.id);
    assert.equal(seen.state, 'disputed');
    assert.match(seen.problem ?? '', /mallory/);
    assert.deepEqual((await alice.group(group.id)).members.map((m) => m.username).sort(), ['alice', 'bob', 'carol'], 'the member list is the log\u2019s');

    const sent = await alice.sendText(group.id, 'still between the three of us');
    assert.equal((await read(bob, group.id, sent.msgId)).status, 'ok');
    assert.equal(await keyRowsOf('mallory', group.id), 0);
    const ghost = await clientFor('mallory');
    const asGhost = await read(ghost, group.id, sent.msgId);
    assert.notEqual(asGhost.status, 'ok');
    assert.equal(asGhost.body, undefined);
  });

  it('a ghost row with the needs-rotation flag: no client rotates on its own, the send is refused with a reason, no key reaches the ghost', async () => {
    const { group } = await groupOf('ghost-rotation', ['bob']);
    const bob = await clientFor('bob');
    await bob.refreshGroups();
    await db.query('INSERT INTO group_memberships (group_id, username, is_admin, read_seq) VALUES ($1, $2, false, 0)', [group.id, 'mallory']);
    await db.query('UPDATE groups SET needs_rotation = true WHERE id = $1', [group.id]);

    await assert.rejects(bob.sendText(group.id, 'hello?'), isVerificationError('server-disagrees'));
    const keys = await db.query<{ g: number }>('SELECT max(generation)::int AS g FROM group_member_keys WHERE group_id = $1', [group.id]);
    assert.equal(keys[0]?.g, 1, 'nobody rotated');
    assert.equal(await keyRowsOf('mallory', group.id), 0);
    assert.equal((await verification(bob, group.id)).state, 'disputed');
  });

  it('a key sealed by a non-member and a raised generation: members never use it, and messages under it are not shown as fine', async () => {
    const { alice, group } = await groupOf('foreign-key', ['bob']);
    const bob = await clientFor('bob');
    const operatorKey = generateGroupKey();
    for (const member of [people.alice, people.bob]) {
      const sealed = await sealGroupKeyFor(
        { username: member.username, encryptionPublicKey: member.identity.encryptionPublicKey }, operatorKey, { groupId: group.id, generation: 2 },
        people.mallory.identity.signingPrivateKey,
      );
      await db.query('INSERT INTO group_member_keys (group_id, username, generation, encrypted_group_key, sealed_by) VALUES ($1, $2, 2, $3, $4)',
        [group.id, member.username, Buffer.from(sealed, 'base64'), 'mallory']);
    }
    await db.query('UPDATE groups SET generation = 2 WHERE id = $1', [group.id]);

    assert.equal((await verification(alice, group.id)).state, 'disputed');
    assert.equal((await alice.group(group.id)).generation, 1, 'the generation is the log\u2019s');
    await assert.rejects(alice.sendText(group.id, 'under which key?'));
    const under2 = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM group_messages WHERE group_id = $1 AND generation = 2', [group.id]);
    assert.equal(under2[0]?.n, 0, 'no honest message went out under the operator\u2019s key');

    const forged = [
      { sender: 'mallory', signer: people.mallory },
      { sender: 'alice', signer: people.mallory },
    ];
    const msgIds: string[] = [];
    for (const { sender, signer } of forged) {
      const msgId = newMsgId();
      msgIds.push(msgId);
      const blob = encryptGroupMessage({ v: 1, kind: 'text', body: 'approved, ship it', sentAt: new Date().toISOString() },
        { groupId: group.id, generation: 2, sender, msgId }, operatorKey, signer.identity.signingPrivateKey);
      await db.insertMessage({ groupId: group.id, msgId, sender, generation: 2, encryptedBlobB64: blob });
    }
    for (const msgId of msgIds) {
      const seen = await read(bob, group.id, msgId);
      assert.ok(['could-not-decrypt', 'bad-signature'].includes(seen.status), `${seen.sender}'s forged message is ${seen.status}`);
      assert.equal(seen.body, undefined);
    }
  });

  it('a rollback to a backup after a removal: members see "rollback", never send under the old generation, the removed member reads nothing new', async () => {
    const { alice, group } = await groupOf('rollback', ['bob', 'carol']);
    const bobStore = new MemorySecretStore();
    const bob = await clientFor('bob', bobStore);
    assert.equal((await verification(bob, group.id)).state, 'verified');
    const backup = {
      links: await db.query<{ seq: number }>('SELECT seq FROM group_links WHERE group_id = $1', [group.id]),
      carolKey: (await db.query<{ encrypted_group_key: Buffer; sealed_by: string }>(
        'SELECT encrypted_group_key, sealed_by FROM group_member_keys WHERE group_id = $1 AND username = $2', [group.id, 'carol']))[0],
    };
    await alice.removeMember(group.id, 'carol');
    assert.equal((await verification(bob, group.id)).head?.seq, backup.links.length + 2);

    const headSeq = backup.links.length;
    await db.query('DELETE FROM group_links WHERE group_id = $1 AND seq > $2', [group.id, headSeq]);
    await db.query('DELETE FROM group_member_keys WHERE group_id = $1 AND generation = 2', [group.id]);
    await db.query('UPDATE groups SET generation = 1, log_seq = $2, needs_rotation = false WHERE id = $1', [group.id, headSeq]);
    await db.query('INSERT INTO group_memberships (group_id, username, is_admin) VALUES ($1, $2, false)', [group.id, 'carol']);
    await db.query('INSERT INTO group_member_keys (group_id, username, generation, encrypted_group_key, sealed_by) VALUES ($1, $2, 1, $3, $4)',
      [group.id, 'carol', backup.carolKey?.encrypted_group_key, backup.carolKey?.sealed_by]);
    const lastSeq = (await db.query<{ s: number }>('SELECT last_seq::int AS s FROM groups WHERE id = $1', [group.id]))[0]?.s ?? 0;

    const seen = await verification(bob, group.id);
    assert.equal(seen.state, 'failed');
    assert.equal(seen.reason, 'rollback');
    await assert.rejects(bob.sendText(group.id, 'is carol gone?'));
    const restarted = await clientFor('bob', bobStore);
    const afterRestart = await verification(restarted, group.id);
    assert.equal(afterRestart.reason, 'rollback', 'the verified head survives a restart');
    await assert.rejects(restarted.sendText(group.id, 'is carol gone?'), isVerificationError('rollback'));
    const leaked = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM group_messages WHERE group_id = $1 AND seq > $2 AND generation = 1', [group.id, lastSeq]);
    assert.equal(leaked[0]?.n, 0, 'nothing was sent under the generation carol holds');
  });

  it('a group renamed in the database: clients show the name its log was created with, and the difference', async () => {
    const { alice, group } = await groupOf('release-plan', ['bob']);
    await db.query('UPDATE groups SET name = $2 WHERE id = $1', [group.id, 'payroll']);
    const seen = await alice.refreshGroup(group.id);
    assert.equal(seen?.name, 'release-plan');
    assert.equal(seen?.verification.state, 'disputed');
    assert.match(seen?.verification.problem ?? '', /"payroll"/);
  });

  it('a user lookup answered with another account\u2019s keys is refused, and nothing is sealed', async () => {
    const proxy = new LyingProxy(server.baseUrl);
    proxies.push(proxy);
    await proxy.listen();
    const mallory = (await call(server.baseUrl, 'GET', '/api/users/mallory', { token: people.alice.token })).json as PublicUserView;
    // erin is new to alice: no log or pin of hers holds erin's keys, so only a lookup can give them.
    await createAccount(server.baseUrl, 'erin');
    proxy.rewrite = (request, answer) => (request.method === 'GET' && request.url === '/api/users/erin' ? mallory : answer.json);
    const alice = await clientFor('alice', new MemorySecretStore(), proxy.url);
    const group = await alice.createGroup('lookup-swap');
    await assert.rejects(alice.addMember(group.id, 'erin'), (e: unknown) => e instanceof ProtocolError && /lookup of erin with the keys of mallory/.test(e.message));
    const members = await db.query('SELECT username FROM group_memberships WHERE group_id = $1', [group.id]);
    assert.deepEqual(members.map((m) => m.username), ['alice']);
  });

  it('a forged admin flag: clients keep the log\u2019s admins, and a change signed by the falsely promoted member is refused by every honest client', async () => {
    const { alice, group } = await groupOf('forged-admin', ['bob', 'carol']);
    const carol = await clientFor('carol');
    await db.query('UPDATE group_memberships SET is_admin = true WHERE group_id = $1 AND username = $2', [group.id, 'bob']);
    const bob = await clientFor('bob');
    const asBob = await bob.group(group.id);
    assert.equal(asBob.isAdmin, false, 'bob\u2019s own client does not believe the flag');
    assert.equal(asBob.verification.state, 'disputed');
    assert.equal((await verification(alice, group.id)).state, 'disputed');
    await assert.rejects(bob.addMember(group.id, 'dave'), isVerificationError('server-disagrees'));

    // A hostile bob signs an add himself; the server, trusting its own flag, stores it.
    const state = await serverLog(group.id, people.bob);
    const key = await keyOfGeneration1(group.id);
    const dave = { username: 'dave', encryptionKey: toBase64(people.dave.identity.encryptionPublicKey), signingKey: toBase64(people.dave.identity.signingPublicKey) };
    const link = makeLink(group.id, state.head, 'add', { member: dave, generations: [1] }, { username: 'bob', signingPrivateKey: people.bob.identity.signingPrivateKey });
    const sealed = await sealGroupKeyFor({ username: 'dave', encryptionPublicKey: people.dave.identity.encryptionPublicKey }, key, { groupId: group.id, generation: 1 }, people.bob.identity.signingPrivateKey);
    const added = await call(server.baseUrl, 'POST', `/api/groups/${group.id}/members`, {
      token: people.bob.token, body: { username: 'dave', keys: [{ generation: 1, encryptedGroupKeyB64: sealed }], links: [link.text] },
    });
    expectStatus(added, 201, 'the server trusts its own admin flag');
    for (const honest of [alice, carol]) {
      const seen = await verification(honest, group.id);
      assert.equal(seen.state, 'failed');
      assert.equal(seen.reason, 'not-allowed');
      assert.ok(!(await honest.group(group.id)).members.some((m) => m.username === 'dave'), 'dave is not a member by the log');
    }
    await assert.rejects(alice.rotate(group.id), isVerificationError('not-allowed'));
    assert.equal(await keyRowsOf('dave', group.id), 1, 'only the key bob leaked himself');

    async function keyOfGeneration1(groupId: string): Promise<Uint8Array> {
      // bob holds generation 1 legitimately; what he does with it is his to answer for.
      const view = (await call(server.baseUrl, 'GET', `/api/groups/${groupId}`, { token: people.bob.token })).json as GroupView;
      const copy = view.keys.find((k) => k.generation === 1);
      assert.ok(copy);
      return openGroupKey(copy.encryptedGroupKeyB64, { groupId, generation: 1, username: 'bob' }, people.bob.identity, people.alice.identity.signingPublicKey);
    }
  });

  describe('links dropped, reordered or rewritten in the database', () => {
    let group: Group;
    let bobStore: MemorySecretStore;
    let texts: { seq: number; link: string }[];

    before(async () => {
      const made = await groupOf('tampered-links', ['bob', 'carol']);
      group = made.group;
      await made.alice.promote(group.id, 'bob');
      bobStore = new MemorySecretStore();
      const bob = await clientFor('bob', bobStore);
      assert.equal((await verification(bob, group.id)).head?.seq, 4);
      texts = await db.query<{ seq: number; link: string }>('SELECT seq, link FROM group_links WHERE group_id = $1 ORDER BY seq', [group.id]);
    });

    afterEach(async () => {
      for (const { seq, link } of texts) {
        await db.query('INSERT INTO group_links (group_id, seq, link, hash) VALUES ($1, $2, $3, $4) ON CONFLICT (group_id, seq) DO UPDATE SET link = excluded.link',
          [group.id, seq, link, 'restored'.padEnd(64, '0')]);
      }
    });

    const cases: Array<[string, () => Promise<void>, string]> = [
      ['a dropped link', async () => {
        await db.query('DELETE FROM group_links WHERE group_id = $1 AND seq = 2', [group.id]);
      }, 'bad-seq'],
      ['two links swapped', async () => {
        await db.query('UPDATE group_links SET link = $3 WHERE group_id = $1 AND seq = $2', [group.id, 2, texts[2]?.link]);
        await db.query('UPDATE group_links SET link = $3 WHERE group_id = $1 AND seq = $2', [group.id, 3, texts[1]?.link]);
      }, 'bad-seq'],
      ['a rewritten link (promote bob becomes promote carol)', async () => {
        await db.query('UPDATE group_links SET link = replace(link, $3, $4) WHERE group_id = $1 AND seq = $2', [group.id, 4, '"username":"bob"', '"username":"carol"']);
      }, 'bad-signature'],
    ];
    for (const [what, tamper, reason] of cases) {
      it(`${what}: a fresh client refuses the log (${reason}), one that knew the head too`, async () => {
        await tamper();
        const carol = await clientFor('carol');
        const fresh = await verification(carol, group.id);
        assert.equal(fresh.state, 'failed');
        assert.equal(fresh.reason, reason);
        assert.deepEqual((await carol.group(group.id)).members, [], 'a client with no verified log shows no members');
        await assert.rejects(carol.sendText(group.id, 'anyone?'), isVerificationError(reason));
        const bob = await clientFor('bob', bobStore);
        assert.equal((await verification(bob, group.id)).state, 'failed');
      });
    }

    it('restored, the same log verifies again for everyone', async () => {
      const carol = await clientFor('carol');
      assert.equal((await verification(carol, group.id)).state, 'verified');
    });
  });

  it('two members served different logs: each one\u2019s messages show as a fork to the other', async () => {
    const { alice, group } = await groupOf('split-view', ['bob', 'carol']);
    await alice.promote(group.id, 'bob');
    const proxy = new LyingProxy(server.baseUrl);
    proxies.push(proxy);
    await proxy.listen();
    const bob = await clientFor('bob', new MemorySecretStore(), proxy.url);
    const common = (await verification(bob, group.id)).head;
    assert.ok(common);

    // Bob's own change is acknowledged by the proxy and never reaches the server; his log
    // shows his link where everyone else's shows alice's.
    let bobsLink: string | undefined;
    proxy.intercept = (request) => {
      if (request.method !== 'POST' || !request.url.endsWith('/admins/carol')) return undefined;
      bobsLink = (request.body as { links: string[] }).links[0];
      const carol: MemberView = { username: 'carol', isAdmin: true, joinedAt: new Date().toISOString() };
      return { status: 200, json: carol };
    };
    proxy.rewrite = (request, answer) => {
      if (!bobsLink) return answer.json;
      if (request.url.startsWith(`/api/groups/${group.id}/log`)) {
        const page = answer.json as { links: { seq: number; link: string }[]; hasMore: boolean };
        return { ...page, links: page.links.map((l) => (l.seq === common.seq + 1 ? { seq: l.seq, link: bobsLink as string } : l)) };
      }
      if (request.url === `/api/groups/${group.id}` || request.url === '/api/groups') {
        const patch = (g: GroupView): GroupView => (g.id !== group.id ? g : {
          ...g, members: g.members.filter((m) => m.username !== 'dave').map((m) => (m.username === 'carol' ? { ...m, isAdmin: true } : m)),
        });
        const json = answer.json as GroupView | { groups: GroupView[] };
        return 'groups' in json ? { groups: json.groups.map(patch) } : patch(json);
      }
      return answer.json;
    };
    await bob.promote(group.id, 'carol');
    await alice.addMember(group.id, 'dave');
    assert.equal((await verification(bob, group.id)).state, 'verified', 'each history on its own is valid');
    assert.equal((await verification(alice, group.id)).state, 'verified');

    const fromAlice = await alice.sendText(group.id, 'dave is in');
    const fromBob = await bob.sendText(group.id, 'carol is admin now');
    const bobSees = await read(bob, group.id, fromAlice.msgId);
    assert.equal(bobSees.status, 'log-mismatch');
    assert.equal(bobSees.body, undefined);
    const aliceSees = await read(alice, group.id, fromBob.msgId);
    assert.equal(aliceSees.status, 'log-mismatch');
    for (const [who, client] of [['bob', bob], ['alice', alice]] as const) {
      const seen = await verification(client, group.id);
      assert.equal(seen.reason, 'fork', `${who} is told the server shows members different groups`);
      assert.match(seen.problem ?? '', /different groups/);
    }
  });

  it('a member who lies about the head he saw raises the fork warning, and an admin can still remove him', async () => {
    const { alice, group } = await groupOf('lying-member', ['bob', 'mallory']);
    const bob = await clientFor('bob');
    const state = await serverLog(group.id, people.mallory);
    const msgId = newMsgId();
    const lie = { v: 1 as const, kind: 'text' as const, body: 'trust me', sentAt: new Date().toISOString(), log: { seq: state.head.seq, hash: 'f'.repeat(64) } };
    const view = (await call(server.baseUrl, 'GET', `/api/groups/${group.id}`, { token: people.mallory.token })).json as GroupView;
    const copy = view.keys.find((k) => k.generation === 1);
    assert.ok(copy);
    const key = await openGroupKey(copy.encryptedGroupKeyB64, { groupId: group.id, generation: 1, username: 'mallory' }, people.mallory.identity, people.alice.identity.signingPublicKey);
    const blob = encryptGroupMessage(lie, { groupId: group.id, generation: 1, sender: 'mallory', msgId }, key, people.mallory.identity.signingPrivateKey);
    expectStatus(await call(server.baseUrl, 'POST', `/api/groups/${group.id}/messages`, { token: people.mallory.token, body: { msgId, generation: 1, encryptedBlobB64: blob } }), 201, 'mallory posts');

    assert.equal((await read(bob, group.id, msgId)).status, 'log-mismatch');
    assert.equal((await read(alice, group.id, msgId)).status, 'log-mismatch');
    const seen = await verification(alice, group.id);
    assert.equal(seen.reason, 'fork');
    const removed = await alice.removeMember(group.id, 'mallory');
    assert.equal(removed.generation, 2, 'the removal rotates: the fork warning does not block sealing to the verified members');
    assert.equal(await keyRowsOf('mallory', group.id), 0);
  });

  it('a log hidden from a device that never saw it: its messages give it away, and nothing is sealed on the server\u2019s word', async () => {
    const { alice, group } = await groupOf('stripped-log', ['bob']);
    const sent = await alice.sendText(group.id, 'sent against the signed log');
    await db.query('DELETE FROM group_links WHERE group_id = $1', [group.id]);
    await db.query('UPDATE groups SET log_seq = 0 WHERE id = $1', [group.id]);
    await db.query('INSERT INTO group_memberships (group_id, username, is_admin, read_seq) VALUES ($1, $2, true, 0)', [group.id, 'mallory']);
    const bobOnANewDevice = await clientFor('bob');
    assert.equal((await bobOnANewDevice.group(group.id)).verification.state, 'unverifiable', 'before any message, it looks like an old group');
    const seen = await read(bobOnANewDevice, group.id, sent.msgId);
    assert.equal(seen.status, 'log-mismatch');
    const now = await bobOnANewDevice.group(group.id);
    assert.equal(now.verification.state, 'failed');
    assert.equal(now.verification.reason, 'rollback');
    await assert.rejects(bobOnANewDevice.rotate(group.id), isVerificationError('rollback'));
    assert.equal(await keyRowsOf('mallory', group.id), 0);
  });

  describe('groups made before the log', () => {
    it('stay readable, are marked not verifiable, and an admin can start their log', async () => {
      const id = randomUUID();
      const alice = await clientFor('alice');
      const key = generateGroupKey();
      const sealed = await sealGroupKeyFor({ username: 'alice', encryptionPublicKey: people.alice.identity.encryptionPublicKey }, key, { groupId: id, generation: 1 },
        people.alice.identity.signingPrivateKey);
      expectStatus(await call(server.baseUrl, 'POST', '/api/groups/create', { token: people.alice.token, body: { id, name: 'legacy', encryptedGroupKeyB64: sealed } }), 201, 'an old client creates a group');
      await alice.refreshGroups();
      assert.equal((await alice.group(id)).verification.state, 'unverifiable');
      await alice.addMember(id, 'bob');
      const before = await alice.sendText(id, 'from before the log');
      const bob = await clientFor('bob');
      assert.equal((await read(bob, id, before.msgId)).status, 'ok');

      await alice.startLog(id);
      assert.equal((await verification(alice, id)).state, 'verified');
      assert.equal((await verification(bob, id)).state, 'verified');
      assert.equal((await read(bob, id, before.msgId)).status, 'ok', 'older messages stay readable');
      await alice.removeMember(id, 'bob');
      const after = await alice.sendText(id, 'bob is out');
      assert.equal(after.generation, 2);
      const history = await alice.groupHistory(id);
      assert.deepEqual(history.entries.map((e) => e.type), ['start', 'remove', 'rotate']);
    });

    it('the server refuses a link that does not extend its head (409) and a change without links once a log exists (400)', async () => {
      const { group } = await groupOf('server-order', ['bob']);
      const state = await serverLog(group.id, people.alice);
      const signer = { username: 'alice', signingPrivateKey: people.alice.identity.signingPrivateKey };
      const stale = makeLink(group.id, { seq: state.head.seq - 1, hash: state.hashes[state.head.seq - 2] as string }, 'promote', { username: 'bob' }, signer);
      const refused = await call(server.baseUrl, 'POST', `/api/groups/${group.id}/admins/bob`, { token: people.alice.token, body: { links: [stale.text] } });
      expectStatus(refused, 409, 'a link behind the head');
      assert.equal((refused.json as { error: string }).error, 'log_conflict');
      const bare = await call(server.baseUrl, 'POST', `/api/groups/${group.id}/admins/bob`, { token: people.alice.token });
      expectStatus(bare, 400, 'no link');
      assert.equal((bare.json as { error: string }).error, 'link_required');
      const admins = await db.query('SELECT username FROM group_memberships WHERE group_id = $1 AND is_admin', [group.id]);
      assert.deepEqual(admins.map((r) => r.username), ['alice'], 'nothing changed');
    });
  });
});
