// The README's run command: `npm start` (scripts/start.mjs) bundles the extension, starts the
// server on an embedded database and says how to load the extension against it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { createTempDataDir } from '../support/database';

const ROOT = path.resolve(__dirname, '..', '..');

describe('npm start', function () {
  this.timeout(120_000);

  it('bundles the extension, serves on the embedded database and prints how to load the extension', async () => {
    const dataDir = createTempDataDir('start-command');
    const startedAt = Date.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--port', '0', '--data-dir', dataDir.dir], {
      cwd: ROOT,
      env: { ...process.env, TEAMCHAT_LOG_LEVEL: 'warn', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start printed no load instructions:\n${output}`)), 90_000);
        const check = () => {
          if (/Press Ctrl\+C to stop the server/.test(output)) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', check);
        child.once('exit', () => reject(new Error(`npm start exited early:\n${output}`)));
      });
      const url = /TeamChat server listening on (\S+) \(embedded database/.exec(output)?.[1];
      assert.ok(url, output);
      assert.ok(output.includes(`code --extensionDevelopmentPath="${ROOT}"`), output);
      assert.ok(output.includes(`with server ${url}`), 'the instructions name the URL the server listens on');
      assert.ok(statSync(path.join(ROOT, 'dist', 'extension.js')).mtimeMs >= startedAt - 1000, 'the extension was bundled by this start');
      assert.ok(existsSync(path.join(ROOT, 'dist', 'webview', 'main.js')));
      const health = await fetch(`${url}/api/health`);
      assert.deepEqual(await health.json(), { status: 'ok', database: 'embedded' });
    } finally {
      child.kill('SIGTERM');
      await exited;
      dataDir.remove();
    }
    assert.deepEqual([child.exitCode, child.signalCode], [0, null], 'SIGTERM stops the server, and npm start with it, cleanly');
  });
});
