// The README's CLI walkthrough, run as written: its shell block, in an empty folder, with
// `teamchat` on the PATH, against a real server process with fresh profiles.

import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startServerProcess, type ServerProcess } from '../support/server-process';

const ROOT = path.resolve(__dirname, '..', '..');

/** The first ```sh block under the "## CLI walkthrough" heading. */
export function walkthroughScript(readme: string): string {
  const section = readme.split(/^## /m).find((part) => part.startsWith('CLI walkthrough'));
  const block = section && /```sh\n([\s\S]*?)```/.exec(section);
  if (!block?.[1]) throw new Error('README.md has no ```sh block under "## CLI walkthrough".');
  return block[1];
}

/** The walkthrough's shell, in its own process group so that nothing it started outlives the test. */
let shellGroup: number | undefined;

function run(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    shellGroup = child.pid;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the README CLI walkthrough', function () {
  this.timeout(400_000);
  let database: TestDatabase;
  let server: ServerProcess;
  let folder: string;
  let result: { code: number | null; stdout: string; stderr: string };
  let watchProcess: ChildProcess | undefined;

  before(async () => {
    // The bin prefers dist/cli.js: build it from this checkout so the walkthrough runs today's code.
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle.mjs'), 'cli'], { cwd: ROOT, stdio: 'ignore' });
    database = await createTestDatabase('walkthrough');
    server = await startServerProcess({ databaseUrl: database.url });
    folder = mkdtempSync(path.join(os.tmpdir(), 'teamchat-walkthrough-'));
    const binDir = path.join(folder, '.bin');
    execFileSync('mkdir', ['-p', binDir]);
    writeFileSync(path.join(binDir, 'teamchat'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, 'bin', 'teamchat.js')}" "$@"\n`);
    chmodSync(path.join(binDir, 'teamchat'), 0o755);
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${binDir}:${process.env.PATH}`, TEAMCHAT_SERVER: server.url };
    delete env.TEAMCHAT_PROFILE;
    delete env.TEAMCHAT_PASSPHRASE;
    result = await run(walkthroughScript(readFileSync(path.join(ROOT, 'README.md'), 'utf8')), folder, env);
  });

  after(async () => {
    if (watchProcess && watchProcess.exitCode === null && watchProcess.signalCode === null) watchProcess.kill('SIGKILL');
    if (shellGroup) {
      try {
        process.kill(-shellGroup, 'SIGKILL');
      } catch {
        // Already gone: the usual case.
      }
    }
    await server?.stop();
    await database?.drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('runs to the end without a failing command', () => {
    assert.equal(result.code, 0, `the walkthrough failed:\n${result.stderr}\n${result.stdout}`);
  });

  it('shows the group\u2019s signed history, verified by Bob\u2019s client', () => {
    assert.match(result.stdout, /#1 \S+ \S+ alice created the group/);
    assert.match(result.stdout, /alice removed carol\n#\d+ \S+ \S+ alice rotated the key to generation 2 for alice, bob\n/);
    assert.match(result.stderr, /"launch": members verified by its signed log/);
  });

  it('shows Bob the conversation, the snippet, and the live message after the removal', () => {
    assert.match(result.stdout, /alice: Ship it on Friday\?/);
    assert.match(result.stdout, /bob: Friday works for me/);
    assert.match(result.stdout, /carol: the constant to change\n {2}--- launch\.ts:1-1 \(ts\)\n {2}\| export const launchDay = "friday";/);
    assert.match(readFileSync(path.join(folder, 'bob-live.txt'), 'utf8'), /^#4 .* alice: Carol is out; this one is sealed under the new key\.\n$/);
  });

  it('shows the same safety number on both sides', () => {
    const numbers = [...result.stdout.matchAll(/^((?:\d{5} ){11}\d{5})$/gm)].map((m) => m[1]);
    assert.equal(numbers.length, 2);
    assert.equal(numbers[0], numbers[1]);
  });

  it('leaves Carol out after her removal, with the not-found exit code', () => {
    assert.match(result.stdout, /carol cannot read launch any more \(exit code 4\)/);
    assert.match(result.stderr, /teamchat: No group "launch" among your groups/);
  });

  it('gives scripts the history as JSON, every message verified', () => {
    const history = JSON.parse(readFileSync(path.join(folder, 'history.json'), 'utf8')) as { status: string; sender: string; generation: number }[];
    assert.deepEqual(history.map((m) => [m.sender, m.status, m.generation]), [
      ['alice', 'ok', 1], ['bob', 'ok', 1], ['carol', 'ok', 1], ['alice', 'ok', 2],
    ]);
  });

  describe('failures, each one line on stderr with its exit code', () => {
    function cli(args: string[], env: Record<string, string> = {}) {
      return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'teamchat.js'), ...args], {
          cwd: folder,
          env: { PATH: process.env.PATH, HOME: folder, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    }
    const asAlice = { TEAMCHAT_PROFILE: './alice', TEAMCHAT_PASSPHRASE: 'alice: a long passphrase' };

    it('promote and demote a member; demoting the last admin is refused: exit 5', async () => {
      const up = await cli(['--json', 'promote', 'launch', 'bob'], asAlice);
      assert.equal(up.code, 0, up.stderr);
      assert.equal((JSON.parse(up.stdout) as { username: string; isAdmin: boolean }).isAdmin, true);
      const down = await cli(['demote', 'launch', 'bob'], asAlice);
      assert.equal(down.code, 0, down.stderr);
      assert.match(down.stdout, /bob is no longer an admin of "launch"/);
      const last = await cli(['demote', 'launch', 'alice'], asAlice);
      assert.equal(last.code, 5, last.stderr);
      assert.match(last.stderr, /^teamchat: A group keeps at least one admin[^\n]*\n$/);
    });

    it('a wrong passphrase: exit 3', async () => {
      const r = await cli(['groups'], { ...asAlice, TEAMCHAT_PASSPHRASE: 'not it' });
      assert.equal(r.code, 3, r.stderr);
      assert.match(r.stderr, /^teamchat: The passphrase does not open this profile[^\n]*\n$/);
    });

    it('a signed-out profile: exit 3', async () => {
      const r = await cli(['groups'], { TEAMCHAT_PROFILE: './bob', TEAMCHAT_PASSPHRASE: 'bob: another long one' });
      assert.equal(r.code, 3, r.stderr);
      assert.match(r.stderr, /No one is signed in/);
    });

    it('an unknown group, as JSON for scripts: exit 4', async () => {
      const r = await cli(['--json', 'read', 'no-such-group'], asAlice);
      assert.equal(r.code, 4, r.stderr);
      assert.deepEqual(JSON.parse(r.stderr), { error: 'GroupNotFoundError', message: 'No group "no-such-group" among your groups; check the name with "teamchat groups".', exitCode: 4 });
    });

    it('adding someone who does not exist: exit 4', async () => {
      const r = await cli(['add', 'launch', 'nobody'], asAlice);
      assert.equal(r.code, 4, r.stderr);
      assert.equal(r.stderr.split('\n').length, 2);
    });

    it('a server that is not there: exit 7', async () => {
      const r = await cli(['--server', 'http://127.0.0.1:1', '--profile', './dave', 'login', 'dave'], { TEAMCHAT_PASSPHRASE: 'x' });
      assert.equal(r.code, 7, r.stderr);
      assert.match(r.stderr, /^teamchat: Could not reach the TeamChat server at http:\/\/127\.0\.0\.1:1/);
    });

    it('a command line that is wrong: exit 2 and the usage', async () => {
      const r = await cli(['send'], asAlice);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /Usage: teamchat send <group>/);
    });
  });

  it('watch stops cleanly on Ctrl-C, printing what arrived as JSON lines', async () => {
    const env = { ...process.env, TEAMCHAT_SERVER: server.url, TEAMCHAT_PROFILE: './alice', TEAMCHAT_PASSPHRASE: 'alice: a long passphrase' };
    const watcher = (watchProcess = spawn(process.execPath, [path.join(ROOT, 'bin', 'teamchat.js'), '--json', 'watch', 'launch'], { cwd: folder, env, stdio: ['ignore', 'pipe', 'pipe'] }));
    let stdout = '';
    watcher.stdout.on('data', (chunk) => (stdout += chunk));
    await new Promise<void>((resolve) => {
      let stderr = '';
      watcher.stderr.on('data', (chunk) => {
        stderr += chunk;
        if (stderr.includes('Watching "launch"')) resolve();
      });
    });
    const arrived = new Promise<void>((resolve) => watcher.stdout.on('data', () => stdout.includes('"body":"one more"') && resolve()));
    execFileSync(process.execPath, [path.join(ROOT, 'bin', 'teamchat.js'), 'send', 'launch', 'one more'], { cwd: folder, env: { ...env, TEAMCHAT_PROFILE: './alice' } });
    await arrived;
    const exited = new Promise<number | null>((resolve) => watcher.on('close', (code) => resolve(code)));
    watcher.kill('SIGINT');
    assert.equal(await exited, 0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { body: string; status: string });
    assert.deepEqual(lines.map((m) => [m.body, m.status]), [['one more', 'ok']]);
  });

  it('keeps no passphrase, token or message in the clear in the profiles', () => {
    for (const who of ['alice', 'bob', 'carol']) {
      const profile = readFileSync(path.join(folder, who, 'profile.json'), 'utf8');
      for (const secret of ['passphrase', 'long one', 'a third', 'Friday', 'accessToken', 'refreshToken']) {
        assert.ok(!profile.includes(secret), `${who}'s profile holds "${secret}"`);
      }
    }
  });
});
