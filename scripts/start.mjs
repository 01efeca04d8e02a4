#!/usr/bin/env node
// `npm start`: builds the extension, starts the TeamChat server on its embedded database (or
// DATABASE_URL) and, once it listens, prints how to load the extension against it.
// Arguments after `--` go to the server, e.g. `npm start -- --port 9000`; `npm start -- --help`.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const helpOnly = args.includes('--help') || args.includes('-h');

if (!helpOnly) {
  // esbuild, about a second: the extension and its webview as VS Code loads them from dist/.
  const bundled = spawnSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs'), 'extension', 'webview'], { cwd: root, stdio: 'inherit' });
  if (bundled.status !== 0) process.exit(bundled.status ?? 1);
}

const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts'), ...args], {
  cwd: root,
  stdio: ['inherit', 'pipe', 'inherit'],
});
const LISTENING = /TeamChat server listening on (\S+)/;
let told = false;
let pending = '';
server.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (told) return;
  pending += chunk.toString();
  const match = LISTENING.exec(pending);
  if (!match) return;
  told = true;
  pending = '';
  process.stdout.write(howToLoad(match[1]));
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

function howToLoad(url) {
  return `
Load the extension against this server:
  code --extensionDevelopmentPath="${root}"
  (or open this folder in VS Code and press F5: "Run TeamChat Extension")
Then run "TeamChat: Sign Up" from the command palette with server ${url},
and "TeamChat: Open Chat". To install it for good: npm run package -- --out teamchat.vsix
and code --install-extension teamchat.vsix. Press Ctrl+C to stop the server.

`;
}
