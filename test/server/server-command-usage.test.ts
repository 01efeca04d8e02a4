// `teamchat-server` argument errors: exit code 2 and one sentence on stderr, before anything
// is opened or written; every command answers --help with exit code 0.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseCommandArgs } from '../../server/cli/command-args';
import { ConfigError } from '../../server/config';
import { createTempDataDir, type TempDataDir } from '../support/database';
import { teamchatServer } from './support/server-command';

describe('teamchat-server usage', function () {
  this.timeout(120_000);
  let data: TempDataDir;
  before(() => { data = createTempDataDir('server-usage'); });
  after(() => data.remove());

  it('parses a command\u2019s words and the server\u2019s flags, and refuses too few, too many and unknown flags', () => {
    const parsed = parseCommandArgs('backup', ['/tmp/x.backup', '--data-dir', '/srv/tc'], {}, { words: ['<file>'] });
    assert.deepEqual([parsed?.words, parsed?.config.dataDir, parsed?.force], [['/tmp/x.backup'], '/srv/tc', false]);
    assert.equal(parseCommandArgs('restore', ['x', '--force'], {}, { words: ['<file>'], force: true })?.force, true);
    assert.equal(parseCommandArgs('backup', ['--help'], {}, { words: ['<file>'] }), null);
    assert.throws(() => parseCommandArgs('backup', [], {}, { words: ['<file>'] }), (e: unknown) =>
      e instanceof ConfigError && e.message === '"teamchat-server backup" needs <file>; run "teamchat-server backup --help".');
    assert.throws(() => parseCommandArgs('backup', ['a', 'b'], {}, { words: ['<file>'] }), /takes <file>, not "a b"/);
    assert.throws(() => parseCommandArgs('backup', ['a', '--force'], {}, { words: ['<file>'] }), /Unknown option '--force'/);
    assert.deepEqual(parseCommandArgs('admin', ['grant', 'bob'], {}, { words: ['<task>'], rest: true })?.words, ['grant', 'bob']);
  });

  const usageErrors: [string[], RegExp][] = [
    [['frob'], /^Unknown command "frob"; the commands are serve, migrate, backup, restore, admin and rotate-secret \(run with --help\)\.$/],
    [['serve', 'now'], /^Unknown command "now"/],
    [['migrate', 'now'], /^"teamchat-server migrate" takes no words, not "now"/],
    [['backup'], /^"teamchat-server backup" needs <file>/],
    [['restore', 'a', 'b'], /^"teamchat-server restore" takes <file>, not "a b"/],
    [['restore', 'x', '--bogus'], /^Unknown option '--bogus'.*run "teamchat-server restore --help"/],
    [['admin'], /^"teamchat-server admin" needs <task>/],
    [['admin', 'frob'], /^There is no admin task "frob"; the tasks are users, grant, revoke/],
    [['admin', 'grant'], /^Usage: teamchat-server admin grant <user>\.$/],
    [['admin', 'users', 'all'], /^Usage: teamchat-server admin users \(not "all"\)\.$/],
    [['admin', 'grant', 'Not A Name'], /^"Not A Name" is not a username/],
    [['backup', 'x.backup', '--database-url', 'postgres://db.example/teamchat'], /^This server uses PostgreSQL: back it up with pg_dump/],
    [['restore', 'x.backup', '--database-url', 'postgres://db.example/teamchat'], /^This server uses PostgreSQL: .* restore it with pg_restore/],
    [['--port', 'eighty'], /^The port "eighty" is not a number/],
  ];
  for (const [args, message] of usageErrors) {
    it(`exits 2 for: teamchat-server ${args.join(' ')}`, async () => {
      const result = await teamchatServer([...args, '--data-dir', data.dir]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr.trim(), message);
      assert.equal(result.stderr.trim().split('\n').length, 1, 'one line');
      assert.equal(result.stdout, '');
      assert.ok(!existsSync(path.join(data.dir, 'pgdata')), 'nothing was created');
    });
  }

  it('answers --help for every command with exit 0', async () => {
    const top = await teamchatServer(['--help']);
    assert.equal(top.code, 0);
    assert.match(top.stdout, /^Usage: teamchat-server \[command\] \[options\]/);
    for (const name of ['migrate', 'backup', 'restore', 'admin']) {
      const help = await teamchatServer([name, '--help']);
      assert.equal(help.code, 0, name);
      assert.match(help.stdout, new RegExp(`^Usage: teamchat-server ${name} `), name);
    }
    assert.match((await teamchatServer(['admin', '--help'])).stdout, /\n {2}grant <user> +make <user> a server admin/);
    assert.match((await teamchatServer(['serve', '--help'])).stdout, /--port <n>/);
  });
});
