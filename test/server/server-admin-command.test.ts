// `teamchat-server admin`, `backup` and `restore` on the server host: they work on the
// database directly, refuse the embedded one while its server runs, and refuse a backup that
// is damaged, altered or from a newer version before anything changes.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTempDataDir, createTestDatabase, type TempDataDir, type TestDatabase } from '../support/database';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { registerBody } from './support/api';
import { teamchatServer, type CommandResult } from './support/server-command';

async function register(server: ServerProcess, username: string): Promise<void> {
  const res = await fetch(`${server.url}/api/auth/register`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(registerBody(username)),
  });
  assert.equal(res.status, 201);
}

function ok(result: CommandResult): string {
  assert.equal(result.code, 0, `exit ${result.code}: ${result.stderr}`);
  return result.stdout;
}

function failed(result: CommandResult, message: RegExp): void {
  assert.equal(result.code, 1, `exit ${result.code}: ${result.stdout}`);
  assert.match(result.stderr, message);
}

describe('teamchat-server admin, backup and restore on the server host', function () {
  this.timeout(300_000);
  let data: TempDataDir;
  let server: ServerProcess | undefined;
  before(() => { data = createTempDataDir('server-admin'); });
  after(async () => {
    await server?.stop();
    data.remove();
  });
  const dir = (name: string) => path.join(data.dir, name);

  it('lists accounts and grants and revokes the server-admin role on the embedded database, only with its server stopped', async () => {
    failed(await teamchatServer(['admin', 'users', '--data-dir', dir('none')]), /^There is no TeamChat database in .*none;/);
    failed(await teamchatServer(['backup', dir('none.backup'), '--data-dir', dir('none')]), /^There is no TeamChat database in .*none to back up/);

    server = await startServerProcess({ dataDir: dir('live') });
    await register(server, 'alice');
    await register(server, 'bob');
    failed(await teamchatServer(['admin', 'grant', 'alice', '--data-dir', dir('live')]),
      /^A TeamChat server \(process \d+\) is running on .*live; stop it, then run admin tasks/);
    await server.stop();

    assert.equal(ok(await teamchatServer(['admin', 'grant', 'alice', '--data-dir', dir('live')])), 'alice is now a server admin.\n');
    assert.match(ok(await teamchatServer(['admin', 'users', '--data-dir', dir('live')])), /\nalice +\S+ \S+ UTC +yes\nbob +\S+ \S+ UTC +no\n$/);
    assert.equal(ok(await teamchatServer(['admin', 'revoke', 'alice', '--data-dir', dir('live')])), 'alice is no longer a server admin.\n');
    assert.match(ok(await teamchatServer(['admin', 'users', '--data-dir', dir('live')])), /\nalice +\S+ \S+ UTC +no\n/);
    failed(await teamchatServer(['admin', 'grant', 'nobody', '--data-dir', dir('live')]), /^There is no account "nobody" on this server\.\n$/);
  });

  it('refuses a damaged, cut short, altered or newer backup, and --force replaces a database', async () => {
    ok(await teamchatServer(['backup', dir('good.backup'), '--data-dir', dir('live')]));
    const good = readFileSync(dir('good.backup'));
    const flipped = Buffer.from(good);
    flipped[flipped.length - 100] = flipped[flipped.length - 100]! ^ 0xff;
    writeFileSync(dir('flipped.backup'), flipped);
    writeFileSync(dir('short.backup'), good.subarray(0, good.length - 1000));
    for (const name of ['flipped', 'short']) {
      failed(await teamchatServer(['restore', dir(`${name}.backup`), '--data-dir', dir(name)]), /is damaged: it does not match its own checksum/);
    }
    const lines = good.toString('latin1').split('\n');
    const info = JSON.parse(lines[1]!) as { migrations: string[] };
    info.migrations.push('Migration20990101000000_from_the_future');
    writeFileSync(dir('newer.backup'), Buffer.from([lines[0], JSON.stringify(info), lines.slice(2).join('\n')].join('\n'), 'latin1'));
    failed(await teamchatServer(['restore', dir('newer.backup'), '--data-dir', dir('newer')]),
      /comes from a newer TeamChat server \(its database ran Migration20990101000000_from_the_future/);

    ok(await teamchatServer(['restore', dir('good.backup'), '--data-dir', dir('copy')]));
    assert.match(ok(await teamchatServer(['restore', dir('good.backup'), '--data-dir', dir('copy'), '--force'])), /replacing the database that was there/);
    assert.match(ok(await teamchatServer(['admin', 'users', '--data-dir', dir('copy')])), /\nalice .*\nbob /);
  });

  describe('on PostgreSQL', () => {
    let database: TestDatabase;
    before(async () => { database = await createTestDatabase('server_admin'); });
    after(async () => {
      await server?.stop();
      await database?.drop();
    });

    it('asks for migrate first, migrates once, and runs admin tasks beside a running server', async () => {
      const url = ['--database-url', database.url, '--data-dir', dir('pg')];
      failed(await teamchatServer(['admin', 'users', ...url]), /^The database has \d+ migrations to run first: run "teamchat-server migrate"/);
      assert.match(ok(await teamchatServer(['migrate', ...url])), /^Ran \d+ migrations on the PostgreSQL database:\n/);
      assert.match(ok(await teamchatServer(['migrate', ...url])), /^The PostgreSQL database is up to date/);
      server = await startServerProcess({ databaseUrl: database.url, dataDir: dir('pg') });
      await register(server, 'carol');
      assert.equal(ok(await teamchatServer(['admin', 'grant', 'carol', ...url])), 'carol is now a server admin.\n');
      assert.match(ok(await teamchatServer(['admin', 'users', ...url])), /\ncarol +\S+ \S+ UTC +yes\n$/);
    });
  });
});
