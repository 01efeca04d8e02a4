// A hostile server against a group's name and topic, as an operator would try it: SQL on the
// database, or a rename signed by a member who is no admin and stored behind the API's back.
// Honest clients keep the name and topic of the verified log, and say why.

import assert from 'node:assert/strict';
import { makeLink, verifyGroupLog } from '../../common/group-log';
import { MemorySecretStore, type Group, type SecretStore, type TeamChatClient } from '../../client';
import { createAccount, startTeamChatClient, type Account } from './support/accounts';
import { call, expectStatus } from './support/api';
import { DatabaseTampering } from './support/database-tampering';
import { startServerUnderTest, type ServerUnderTest } from './support/server-under-test';

type Name = 'alice' | 'bob' | 'mallory';

describe('reliability: a hostile server against the group name and topic', function () {
  this.timeout(180_000);
  let server: ServerUnderTest;
  let db: DatabaseTampering;
  let people: Record<Name, Account>;
  const clients: TeamChatClient[] = [];

  before(async function () {
    server = await startServerUnderTest('group-text');
    const accounts = await Promise.all(['alice', 'bob', 'mallory'].map((n) => createAccount(server.baseUrl, n)));
    people = Object.fromEntries(accounts.map((a) => [a.username, a])) as typeof people;
    db = await DatabaseTampering.open(server.databaseUrl);
  });

  after(async function () {
    await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
    await db?.close();
    await server?.stop();
  });

  async function clientFor(name: Name, store: SecretStore = new MemorySecretStore()): Promise<TeamChatClient> {
    const client = await startTeamChatClient(server.baseUrl, people[name], store);
    clients.push(client);
    return client;
  }

  /** alice's group with bob in it and a topic, made through the real client, and bob's client that verified it. */
  async function groupOf(name: string): Promise<{ alice: TeamChatClient; bob: TeamChatClient; group: Group }> {
    const alice = await clientFor('alice');
    const made = await alice.createGroup(name);
    await alice.addMember(made.id, 'bob');
    await alice.setTopic(made.id, 'Quarterly numbers, members only');
    const bob = await clientFor('bob');
    const group = await bob.group(made.id);
    assert.equal(group.verification.state, 'verified');
    assert.equal(group.topic, 'Quarterly numbers, members only');
    return { alice, bob, group };
  }

  async function seen(client: TeamChatClient, groupId: string): Promise<Group> {
    const group = await client.refreshGroup(groupId);
    assert.ok(group, `${client.username} still sees the group`);
    return group;
  }

  it('a name and a topic changed by SQL: members are shown the log\u2019s, marked disputed with the reason, and the server\u2019s text goes nowhere', async () => {
    const { alice, bob, group } = await groupOf('payroll');
    const phishing = 'Send your passphrase to mallory for the audit';
    await db.query('UPDATE groups SET name = $2, topic = $3 WHERE id = $1', [group.id, 'payroll (official)', phishing]);
    for (const client of [bob, alice]) {
      const view = await seen(client, group.id);
      assert.equal(view.verification.state, 'disputed');
      assert.equal(view.verification.reason, 'server-disagrees');
      assert.equal(view.name, 'payroll', 'the name is the log\u2019s');
      assert.equal(view.topic, 'Quarterly numbers, members only', 'the topic is the log\u2019s');
      assert.match(view.verification.problem ?? '', /topic/);
      assert.ok(!client.groups().some((g) => g.topic === phishing || g.name === 'payroll (official)'), 'no group shows the server\u2019s text');
    }
    // A fresh device, with no verified log in memory, is not fooled either.
    const fresh = await seen(await clientFor('bob'), group.id);
    assert.deepEqual([fresh.verification.state, fresh.name, fresh.topic], ['disputed', 'payroll', 'Quarterly numbers, members only']);
  });

  it('only the topic changed by SQL is enough to dispute the group; putting it back makes it verified again', async () => {
    const { bob, group } = await groupOf('topic-only');
    await db.query('UPDATE groups SET topic = $2 WHERE id = $1', [group.id, 'Quarterly numbers, members only ']);
    assert.equal((await seen(bob, group.id)).verification.state, 'disputed');
    await db.query('UPDATE groups SET topic = $2 WHERE id = $1', [group.id, 'Quarterly numbers, members only']);
    assert.equal((await seen(bob, group.id)).verification.state, 'verified');
  });

  it('a rename signed by a member who is not admin: the server refuses it (403), and stored behind its back every honest client refuses the log and keeps the name', async () => {
    const { alice, bob, group } = await groupOf('forged-rename');
    const log = await call(server.baseUrl, 'GET', `/api/groups/${group.id}/log`, { token: people.bob.token });
    expectStatus(log, 200, 'the group log');
    const state = await verifyGroupLog(group.id, (log.json as { links: { link: string }[] }).links.map((l) => l.link));
    const forged = makeLink(group.id, state.head, 'rename', { name: 'bob rules' }, { username: 'bob', signingPrivateKey: people.bob.identity.signingPrivateKey });
    const refused = await call(server.baseUrl, 'PUT', `/api/groups/${group.id}/name`, { token: people.bob.token, body: { name: 'bob rules', links: [forged.text] } });
    expectStatus(refused, 403, 'a rename by a member who is not admin');
    assert.equal((refused.json as { error: string }).error, 'not_admin');

    await db.query('INSERT INTO group_links (group_id, seq, link, hash) VALUES ($1, $2, $3, $4)', [group.id, forged.link.seq, forged.text, forged.hash]);
    await db.query('UPDATE groups SET name = $2, log_seq = $3 WHERE id = $1', [group.id, 'bob rules', forged.link.seq]);
    for (const client of [alice, bob]) {
      const view = await seen(client, group.id);
      assert.equal(view.verification.state, 'failed');
      assert.equal(view.verification.reason, 'not-allowed');
      assert.equal(view.name, 'forged-rename', `${client.username} goes on from the log it verified`);
    }
    // A device that never verified this log has no name of its own for it: it shows the server's, marked failed, and no topic.
    const fresh = await seen(await clientFor('alice'), group.id);
    assert.deepEqual([fresh.verification.state, fresh.verification.reason, fresh.topic, fresh.members], ['failed', 'not-allowed', '', []]);
    await assert.rejects(alice.renameGroup(group.id, 'fixed'), /cannot be trusted/);
  });

  it('a topic link in alice\u2019s name signed by another key, stored by SQL: a bad signature, and the topic stays', async () => {
    const { bob, group } = await groupOf('forged-topic');
    const state = await verifyGroupLog(group.id, (await db.query<{ link: string }>('SELECT link FROM group_links WHERE group_id = $1 ORDER BY seq', [group.id])).map((r) => r.link));
    const forged = makeLink(group.id, state.head, 'topic', { topic: 'Moved: talk to mallory instead' }, { username: 'alice', signingPrivateKey: people.mallory.identity.signingPrivateKey });
    await db.query('INSERT INTO group_links (group_id, seq, link, hash) VALUES ($1, $2, $3, $4)', [group.id, forged.link.seq, forged.text, forged.hash]);
    await db.query('UPDATE groups SET topic = $2, log_seq = $3 WHERE id = $1', [group.id, 'Moved: talk to mallory instead', forged.link.seq]);
    const view = await seen(bob, group.id);
    assert.deepEqual([view.verification.state, view.verification.reason], ['failed', 'bad-signature']);
    assert.equal(view.topic, 'Quarterly numbers, members only');
    const fresh = await seen(await clientFor('bob'), group.id);
    assert.deepEqual([fresh.verification.reason, fresh.topic], ['bad-signature', ''], 'a device that never verified the log shows no topic');
  });
});
