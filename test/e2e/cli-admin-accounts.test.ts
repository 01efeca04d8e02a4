// `teamchat admin users|deactivate|reactivate|delete|deactivated` on a real server process:
// what a server admin runs when someone leaves, and what the one who left then sees.
import assert from 'node:assert/strict';
import pg from 'pg';
import { createTempDataDir, type TempDataDir } from '../support/database';
import { uniqueName } from '../server/support/api';
import { ServerWorld } from './support/chat-world';
import { runTeamchat } from './support/cli-run';

const cli = runTeamchat;

describe('teamchat admin: accounts (e2e)', function () {
  this.timeout(180_000);
  let world: ServerWorld | undefined;
  const profiles: TempDataDir[] = [];
  before(async () => { world = await ServerWorld.start('postgresql'); });
  after(async () => {
    for (const profile of profiles) profile.remove();
    await world?.close();
  });

  const account = async (name: string) => {
    const profile = createTempDataDir(`cli-${name}`);
    profiles.push(profile);
    const username = uniqueName(name);
    const env = { TEAMCHAT_PROFILE: profile.dir, TEAMCHAT_SERVER: world!.url, TEAMCHAT_PASSPHRASE: `the passphrase of ${name}, long enough` };
    const registered = await cli(['register', username], env);
    assert.equal(registered.code, 0, registered.stderr);
    return { username, run: (...argv: string[]) => cli(argv, env) };
  };

  it('deactivates, lists the groups to remove him from, reactivates and deletes; the one who left is told why', async () => {
    const boss = await account('boss');
    const bob = await account('bob');
    const db = new pg.Client({ connectionString: world!.databaseUrl });
    await db.connect();
    await db.query('UPDATE users SET server_admin = true WHERE username = $1', [boss.username]).finally(() => db.end());
    assert.equal((await boss.run('create', 'crew')).code, 0);
    assert.equal((await boss.run('add', 'crew', bob.username)).code, 0);

    const notAdmin = await bob.run('admin', 'users');
    assert.equal(notAdmin.code, 5, notAdmin.stderr);
    assert.match(notAdmin.stderr, /server admin/);
    assert.equal((await boss.run('admin', 'deactivate', 'nobody-here')).code, 4);
    assert.equal((await boss.run('admin', 'deactivated')).stdout.trim(), 'No deactivated members in the groups you are an admin of.');

    const done = await boss.run('admin', 'deactivate', bob.username);
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /Deactivated .*asked to remove it/);
    const cut = await bob.run('groups');
    assert.equal(cut.code, 3);
    assert.match(cut.stderr, /deactivated by a server admin/);

    const refused = await bob.run('login', bob.username);
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /deactivated by a server admin/);

    const listed = await boss.run('admin', 'deactivated');
    const groupId = JSON.parse((await boss.run('admin', 'deactivated', '--json')).stdout).members[0].groupId as string;
    assert.equal(listed.stdout.trim(), `${bob.username}'s account was deactivated in "crew": remove them (rotates the key) with: teamchat remove ${groupId} ${bob.username}`);
    const users = JSON.parse((await boss.run('admin', 'users', '--json')).stdout).users as { username: string; status: string; serverAdmin: boolean }[];
    assert.deepEqual(users.map((u) => [u.username, u.status, u.serverAdmin]).sort(), [[boss.username, 'active', true], [bob.username, 'deactivated', false]].sort());

    assert.equal((await boss.run('admin', 'reactivate', bob.username)).code, 0);
    assert.equal((await bob.run('login', bob.username)).code, 0, 'signs in again with his passphrase');
    const back = await bob.run('groups');
    assert.equal(back.code, 0, back.stderr);
    assert.match(back.stdout, /crew/);

    const unconfirmed = await boss.run('admin', 'delete', bob.username);
    assert.equal(unconfirmed.code, 2);
    assert.match(unconfirmed.stderr, /--yes/);
    assert.equal((await bob.run('groups')).code, 0, 'nothing was deleted without --yes');
    assert.equal((await boss.run('admin', 'delete', bob.username, '--yes')).code, 0);
    assert.equal((await bob.run('groups')).code, 3);
    assert.equal((await boss.run('admin', 'reactivate', bob.username)).code, 5);
  });
});
