// `npm run pack:server` makes the teamchat-server package; installed into an empty folder from
// the .tgz alone (its dependencies from the registry), it serves, migrates, backs up and
// restores, and the restored server holds the same messages, read back with the CLI.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServerProcess, type ServerProcess } from '../support/server-process';

const ROOT = path.resolve(__dirname, '..', '..');

interface Ran { code: number | null; stdout: string; stderr: string }

function run(file: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the teamchat-server package, installed from its .tgz into an empty folder', function () {
  this.timeout(600_000);
  let folder: string;
  let bin: string;
  let tgz: string;
  let server: ServerProcess | undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, TEAMCHAT_LOG_LEVEL: 'warn', TEAMCHAT_AUTH_RATE_LIMIT: '100000' };
  delete env.DATABASE_URL;
  delete env.TEAMCHAT_DATA_DIR;

  const dir = (name: string) => path.join(folder, name);
  const teamchatServer = (...args: string[]) => run(bin, args, env, folder);
  const alice = (profile: string, ...args: string[]) => run(process.execPath, [path.join(ROOT, 'bin', 'teamchat.js'), ...args], {
    ...env, TEAMCHAT_PROFILE: dir(profile), TEAMCHAT_PASSPHRASE: 'alice: a long passphrase', TEAMCHAT_SERVER: server!.url,
  }, folder);
  const ok = (ran: Ran) => {
    assert.equal(ran.code, 0, `exit ${ran.code}:\n${ran.stderr}\n${ran.stdout}`);
    return ran.stdout;
  };

  before(async () => {
    const packed = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'pack-server.mjs')], { cwd: ROOT, encoding: 'utf8' });
    const found = /teamchat-server package: (\S+\.tgz)/.exec(packed)?.[1];
    assert.ok(found && existsSync(found), packed);
    tgz = found;
    folder = mkdtempSync(path.join(os.tmpdir(), 'teamchat-server-package-'));
    writeFileSync(path.join(folder, 'package.json'), '{"private": true}\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel', 'error', tgz], { cwd: folder, stdio: 'ignore' });
    bin = path.join(folder, 'node_modules', '.bin', 'teamchat-server');
    assert.ok(existsSync(bin), 'npm install put teamchat-server in node_modules/.bin');
  });

  after(async () => {
    await server?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('unpacked, installs with npm ci the very versions of package-lock.json, transitive ones included', async () => {
    const unpacked = dir('pinned');
    execFileSync('mkdir', ['-p', unpacked]);
    execFileSync('tar', ['xzf', tgz, '-C', unpacked, '--strip-components', '1']);
    execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--loglevel', 'error'], { cwd: unpacked, stdio: 'ignore' });
    type Lock = { packages: Record<string, { version?: string; link?: boolean }> };
    const versions = (file: string) => Object.entries((JSON.parse(readFileSync(file, 'utf8')) as Lock).packages)
      .filter(([key, entry]) => key && !entry.link && entry.version)
      .map(([key, entry]) => `${key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${entry.version}`);
    const ours = new Set(versions(path.join(ROOT, 'package-lock.json')));
    const installed = versions(path.join(unpacked, 'node_modules', '.package-lock.json'));
    assert.ok(installed.length > 100, `${installed.length} packages installed`);
    assert.deepEqual(installed.filter((p) => !ours.has(p)), [], 'every installed package is at a version this checkout tested');
    const help = await run(path.join(unpacked, 'teamchat-server.js'), ['--help'], env, unpacked);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^Usage: teamchat-server/);
  });

  it('migrates a new data folder, and a second migrate runs nothing', async () => {
    const first = ok(await teamchatServer('migrate', '--data-dir', dir('migrated')));
    assert.match(first, /^Ran \d+ migrations on the embedded database in .*:\n {2}Migration20261125000000_initial\n/);
    const second = ok(await teamchatServer('migrate', '--data-dir', dir('migrated')));
    assert.match(second, /is up to date: all \d+ migrations had run; none ran now\./);
  });

  it('serves, keeps alice\u2019s messages, and refuses a backup while it runs', async () => {
    server = await startServerProcess({ executable: bin, dataDir: dir('live'), authRateLimit: 100_000 });
    const health = await (await fetch(`${server.url}/api/health`)).json();
    assert.deepEqual(health, { status: 'ok', database: 'embedded' });
    ok(await alice('alice', 'register', 'alice'));
    ok(await alice('alice', 'create', 'ops'));
    ok(await alice('alice', 'send', 'ops', 'Backups on Fridays.'));
    ok(await alice('alice', 'send', 'ops', 'And a restore drill every month.'));

    const refused = await teamchatServer('backup', dir('while-running.backup'), '--data-dir', dir('live'));
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^A TeamChat server \(process \d+\) is running on .*live; stop it, then back it up: the embedded database serves one process at a time\.\n$/);
    assert.ok(!existsSync(dir('while-running.backup')), 'no file was written');
    const migrating = await teamchatServer('migrate', '--data-dir', dir('live'));
    assert.equal(migrating.code, 1);
    assert.match(migrating.stderr, /is running on .*live; stop it, then migrate/);
    await server.stop();
  });

  it('backs up the stopped server, and restore refuses what is not a backup and a folder that holds a database', async () => {
    const backedUp = ok(await teamchatServer('backup', dir('team.backup'), '--data-dir', dir('live')));
    assert.match(backedUp, /Backed up the embedded database .* \(\S+ MB; 1 account, 2 messages, \d+ migrations\)\./);
    assert.match(backedUp, /server-secret\.json is not in the backup/);

    const overwrite = await teamchatServer('restore', dir('team.backup'), '--data-dir', dir('live'));
    assert.equal(overwrite.code, 1);
    assert.match(overwrite.stderr, /already holds a database; nothing was changed\. .* add --force/);

    writeFileSync(dir('notes.txt'), 'not a backup\n');
    const notOurs = await teamchatServer('restore', dir('notes.txt'), '--data-dir', dir('never'));
    assert.equal(notOurs.code, 1);
    assert.match(notOurs.stderr, /notes\.txt is not a TeamChat backup/);
    assert.ok(!existsSync(path.join(dir('never'), 'pgdata')));
  });

  it('restores into a new folder, and the server on it holds the same messages', async () => {
    const restored = ok(await teamchatServer('restore', dir('team.backup'), '--data-dir', dir('restored')));
    assert.match(restored, /^Restored .*team\.backup \(taken \S+; 1 account, 2 messages\) into .*restored\./);
    assert.match(ok(await teamchatServer('migrate', '--data-dir', dir('restored'))), /up to date/);
    const users = ok(await teamchatServer('admin', 'users', '--data-dir', dir('restored')));
    assert.match(users, /^USERNAME +CREATED +SERVER ADMIN\nalice +\d{4}-\d\d-\d\d \d\d:\d\d UTC +no\n$/);

    const port = Number(new URL(server!.url).port);
    server = await startServerProcess({ executable: bin, dataDir: dir('restored'), port, authRateLimit: 100_000 });
    const expected = /alice: Backups on Fridays\.\n[\s\S]*alice: And a restore drill every month\./;
    assert.match(ok(await alice('alice', 'read', 'ops')), expected, 'alice\u2019s own profile reads on, with a new token secret');
    ok(await alice('alice-again', 'login', 'alice'));
    assert.match(ok(await alice('alice-again', 'read', 'ops')), expected, 'a fresh sign-in unlocks the restored key vault');
  });
});
