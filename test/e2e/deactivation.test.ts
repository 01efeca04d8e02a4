// When someone leaves, on a real server process with real clients: a server admin
// deactivates bob, whose live session ends at once (request refused, socket closed, no
// reconnect); the admins of his groups, and only they, are told to remove him; alice removes
// him and the key rotates past him; reactivated, he signs in again and is still in the group
// he was not removed from; a deleted account signs in never again, its name stays taken, and
// what it signed still verifies for the others.
import assert from 'node:assert/strict';
import pg from 'pg';
import {
  AccountDeactivatedError, MemorySecretStore, TeamChatClient, UsernameTakenError, WrongCredentialsError, type DeactivatedMember,
} from '../../client';
import { uniqueName } from '../server/support/api';
import { eventually } from '../support/eventually';
import { groupAppears, Inbox, ServerWorld, TEST_CLIENT_OPTIONS } from './support/chat-world';

const PASS = 'a passphrase long enough for the rule';

describe('deactivate, reactivate and delete accounts (e2e)', function () {
  this.timeout(180_000);
  let world: ServerWorld | undefined;
  const clients: TeamChatClient[] = [];
  before(async () => { world = await ServerWorld.start('postgresql'); });
  after(async () => {
    await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
    await world?.close();
  });

  const sql = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> => {
    const db = new pg.Client({ connectionString: world!.databaseUrl });
    await db.connect();
    try {
      return (await db.query<T>(text, values)).rows;
    } finally {
      await db.end();
    }
  };
  const person = async (name: string) => {
    const client = await TeamChatClient.signUp(world!.url, uniqueName(name), PASS, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
    clients.push(client);
    await client.connect();
    return client;
  };
  const signIn = async (username: string) => {
    const client = await TeamChatClient.signIn(world!.url, username, PASS, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
    clients.push(client);
    return client;
  };

  it('cuts the live session, prompts only the admins, and the removal rotates the key past him; reactivated, he is back where he was not removed', async () => {
    const boss = await person('boss');
    await sql('UPDATE users SET server_admin = true WHERE username = $1', [boss.username]);
    const [alice, bob, carol] = [await person('alice'), await person('bob'), await person('carol')];
    const team = await alice.createGroup('Team');
    const other = await alice.createGroup('Other');
    for (const [group, who] of [[team, bob], [team, carol], [other, bob]] as const) {
      const sees = groupAppears(who, group.id);
      await alice.addMember(group.id, who.username);
      await sees;
    }
    await eventually('carol to see bob in Team', () => carol.groups().find((g) => g.id === team.id)?.members.some((m) => m.username === bob.username));
    const prompted: DeactivatedMember[] = [];
    alice.on('member-deactivated', (member) => prompted.push(member));
    const carolPrompted: DeactivatedMember[] = [];
    carol.on('member-deactivated', (member) => carolPrompted.push(member));
    const bobSignedOut: Error[] = [];
    bob.on('signed-out', (error) => bobSignedOut.push(error));

    const started = Date.now();
    const answer = await boss.api.deactivateUser(bob.username);
    assert.deepEqual(answer, { username: bob.username, status: 'deactivated', groups: 2 });
    await eventually('bob to be signed out', () => bobSignedOut.length > 0, 5_000);
    assert.ok(Date.now() - started < 1000, `bob was signed out ${Date.now() - started} ms after the deactivation`);
    assert.ok(bobSignedOut[0] instanceof AccountDeactivatedError);
    assert.match(bobSignedOut[0].message, /deactivated by a server admin/);
    assert.equal(bob.connectionState, 'closed', 'and does not reconnect');
    await assert.rejects(bob.refreshGroups(), AccountDeactivatedError);
    await assert.rejects(signIn(bob.username), AccountDeactivatedError);

    await eventually('alice to be prompted for both groups', () => prompted.length === 2);
    const expected: DeactivatedMember[] = [team, other].map((g) => ({ groupId: g.id, groupName: g.name, username: bob.username, status: 'deactivated' }));
    const byGroup = (list: DeactivatedMember[]) => [...list].sort((x, y) => x.groupId.localeCompare(y.groupId));
    assert.deepEqual(byGroup(prompted), byGroup(expected));
    assert.deepEqual(byGroup(alice.deactivatedMembers()), byGroup(expected));
    // Carol is no admin: she sees the flag, and is asked nothing.
    await eventually('carol to see bob marked', () => carol.groups().find((g) => g.id === team.id)?.members.find((m) => m.username === bob.username)?.accountStatus === 'deactivated');
    assert.deepEqual(carol.deactivatedMembers(), []);
    assert.deepEqual(carolPrompted, []);
    // Alice's fresh sign-in is prompted on start too.
    const aliceAgain = await signIn(alice.username);
    await aliceAgain.refreshGroups();
    assert.deepEqual(byGroup(aliceAgain.deactivatedMembers()), byGroup(expected));

    // The removal is alice's own signed change, and it rotates the key.
    const before = (await alice.group(team.id)).generation;
    await alice.removeMember(team.id, bob.username);
    const carolInbox = new Inbox(carol);
    const next = await alice.sendText(team.id, 'after bob left');
    assert.equal(next.generation, before + 1);
    assert.equal((await carolInbox.next((m) => m.msgId === next.msgId)).body, 'after bob left');
    const bobKeys = await sql<{ generation: number }>('SELECT generation FROM group_member_keys WHERE group_id = $1 AND username = $2', [team.id, bob.username]);
    assert.deepEqual(bobKeys, [], 'bob holds no copy of any key of Team, least of all the new one');
    assert.deepEqual(alice.deactivatedMembers().map((m) => m.groupId), [other.id], 'the prompt for Team is gone');

    await boss.api.reactivateUser(bob.username);
    const bobBack = await signIn(bob.username);
    await bobBack.refreshGroups();
    assert.deepEqual(bobBack.groups().map((g) => g.id), [other.id], 'still in Other, out of Team');
    const reader = new Inbox(bobBack);
    await bobBack.connect();
    const hello = await alice.sendText(other.id, 'welcome back');
    assert.equal((await reader.next((m) => m.msgId === hello.msgId)).body, 'welcome back');
    await assert.rejects(bobBack.history(team.id));
    await eventually('the prompt for Other to go', () => alice.deactivatedMembers().length === 0);
  });

  it('a deleted account never signs in again, its name stays taken, and what it signed still verifies', async () => {
    const boss = await person('boss');
    await sql('UPDATE users SET server_admin = true WHERE username = $1', [boss.username]);
    const [alice, dave] = [await person('alice'), await person('dave')];
    const group = await alice.createGroup('Kept');
    const sees = groupAppears(dave, group.id);
    await alice.addMember(group.id, dave.username);
    await sees;
    const signed = await dave.sendText(group.id, 'signed by dave before he left');
    const answer = await boss.api.deleteUser(dave.username);
    assert.equal(answer.status, 'deleted');

    await assert.rejects(signIn(dave.username), WrongCredentialsError);
    await assert.rejects(TeamChatClient.signUp(world!.url, dave.username, PASS, new MemorySecretStore()), UsernameTakenError);
    await assert.rejects(boss.api.reactivateUser(dave.username), /deleted account cannot come back/);
    const [row] = await sql<{ auth_key_hash: string; key_vault: Buffer }>('SELECT auth_key_hash, key_vault FROM users WHERE username = $1', [dave.username]);
    assert.deepEqual([row!.auth_key_hash, row!.key_vault.length], ['', 0]);

    // A fresh client of alice's fetches his public keys again: his message verifies.
    const fresh = await signIn(alice.username);
    const history = await fresh.history(group.id);
    const found = history.find((m) => m.msgId === signed.msgId);
    assert.equal(found?.status, 'ok');
    assert.equal(found?.body, 'signed by dave before he left');
    await fresh.refreshGroups();
    assert.deepEqual(fresh.deactivatedMembers(), [{ groupId: group.id, groupName: 'Kept', username: dave.username, status: 'deleted' }]);
    const users = await boss.api.adminUsers();
    assert.equal(users.users.find((u) => u.username === dave.username)?.status, 'deleted');
  });
});
