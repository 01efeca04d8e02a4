// The warning a group admin gets when a server admin deactivates a member, over real clients
// and a real server; VS Code is stood in for by what the notice asks of it (show a warning,
// run the remove-member flow), here answered by picking the action.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MemorySecretStore, TeamChatClient, type DeactivatedMember } from '../../../client';
import { watchDeactivatedMembers } from '../../../extension/deactivated-member-notices';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { eventually } from '../../support/eventually';
import { startServerProcess, type ServerProcess } from '../../support/server-process';

const PASSPHRASE = 'correct horse battery staple';

function standInVsCode(pick: boolean) {
  const warned: string[] = [];
  const removed: DeactivatedMember[] = [];
  return {
    warned,
    removed,
    host: (client: TeamChatClient) => ({
      warn: async (text: string, action: string) => {
        warned.push(`${text} [${action}]`);
        return pick ? action : undefined;
      },
      remove: async (m: DeactivatedMember) => {
        removed.push(m);
        await client.removeMember(m.groupId, m.username);
      },
    }),
  };
}

describe('host notice of a deactivated member over a real client and server', function () {
  this.timeout(180_000);
  let database: TestDatabase;
  let server: ServerProcess;
  const clients: TeamChatClient[] = [];

  before(async () => {
    database = await createTestDatabase('deactnotice');
    server = await startServerProcess({ databaseUrl: database.url });
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
    await server?.stop();
    await database?.drop();
  });

  it('warns the group admin (on the live event and again on a fresh start), not a plain member, and its action removes him and rotates the key', async () => {
    const suffix = randomBytes(3).toString('hex');
    const [boss, alice, bob, carol] = await Promise.all(['boss', 'alice', 'bob', 'carol'].map((n) =>
      TeamChatClient.signUp(server.url, `${n}-${suffix}`, PASSPHRASE, new MemorySecretStore())));
    clients.push(boss!, alice!, bob!, carol!);
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    await db.query('UPDATE users SET server_admin = true WHERE username = $1', [boss!.username]).finally(() => db.end());
    const group = await alice!.createGroup('Team', { members: [bob!.username, carol!.username] });
    const atAlice = standInVsCode(true);
    const atCarol = standInVsCode(true);
    const stopAtAlice = watchDeactivatedMembers(alice!, atAlice.host(alice!));
    watchDeactivatedMembers(carol!, atCarol.host(carol!));
    await Promise.all([alice!.connect(), carol!.connect()]);

    await boss!.api.deactivateUser(bob!.username);
    const expected = `${bob!.username}'s account was deactivated: remove ${bob!.username} from “Team” (rotates the key) [Remove ${bob!.username}]`;
    await eventually('alice to be warned', () => atAlice.warned.length > 0);
    assert.deepEqual(atAlice.warned, [expected]);
    await eventually('the removal to be done', async () => !(await alice!.refreshGroup(group.id))?.members.some((m) => m.username === bob!.username));
    assert.equal((await alice!.group(group.id)).generation, group.generation + 1, 'the key rotated');
    await eventually('carol to see bob gone', () => !carol!.groups().find((g) => g.id === group.id)?.members.some((m) => m.username === bob!.username));
    assert.deepEqual(atCarol.warned, [], 'carol is no admin of Team');

    // A fresh start of alice's is told of members deactivated while she was away.
    stopAtAlice();
    const dave = await TeamChatClient.signUp(server.url, `dave-${suffix}`, PASSPHRASE, new MemorySecretStore());
    clients.push(dave);
    const other = await alice!.createGroup('Other', { members: [dave.username] });
    await boss!.api.deactivateUser(dave.username);
    const restarted = await TeamChatClient.signIn(server.url, alice!.username, PASSPHRASE, new MemorySecretStore());
    clients.push(restarted);
    const onStart = standInVsCode(false);
    watchDeactivatedMembers(restarted, onStart.host(restarted));
    await restarted.refreshGroups();
    assert.deepEqual(onStart.warned, [`${dave.username}'s account was deactivated: remove ${dave.username} from “Other” (rotates the key) [Remove ${dave.username}]`]);
    assert.deepEqual(onStart.removed, [], 'nothing is removed unless the action is picked');
    assert.ok((await restarted.group(other.id)).members.some((m) => m.username === dave.username));
  });
});
