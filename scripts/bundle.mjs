#!/usr/bin/env node
// Builds everything that ships or runs from dist/ with esbuild:
//   extension (node, cjs, `vscode` external, every dependency bundled) -> dist/extension.js
//   webview (browser)                                                   -> dist/webview/
//   server from server/main.ts                                          -> dist/server.js
//   CLI from client/cli/main.ts                                         -> dist/cli.js
// An entry whose source does not exist yet is skipped with a note, so the parts can land
// one by one. `--watch` is not offered: a build takes about a second.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const require = createRequire(path.join(root, 'package.json'));
const production = process.argv.includes('--production');

/**
 * Native addons cannot be inlined: the extension ships without node_modules, so each `.node`
 * binary the bundle needs is copied to dist/native/ and required from there.
 */
const nativeAddons = {
  name: 'native-addons',
  setup(b) {
    b.onResolve({ filter: /^@node-rs\/[\w-]+-(linux|darwin|win32|freebsd|android)-[\w-]+$/ }, (args) => {
      let file;
      try {
        file = require.resolve(args.path);
      } catch {
        return { path: args.path, external: true }; // another platform's binary: not installed here
      }
      return copyNative(file);
    });
    b.onResolve({ filter: /\.node$/ }, (args) => {
      const file = path.resolve(args.resolveDir, args.path);
      return existsSync(file) ? copyNative(file) : { path: args.path, external: true };
    });
  },
};

function copyNative(file) {
  mkdirSync(path.join(dist, 'native'), { recursive: true });
  copyFileSync(file, path.join(dist, 'native', path.basename(file)));
  return { path: `./native/${path.basename(file)}`, external: true };
}

const common = {
  bundle: true,
  sourcemap: true,
  minify: production,
  logLevel: 'warning',
  target: 'es2022',
};

const entries = [
  {
    name: 'extension',
    source: 'extension/extension.ts',
    options: {
      platform: 'node',
      format: 'cjs',
      outfile: path.join(dist, 'extension.js'),
      external: ['vscode', 'bufferutil', 'utf-8-validate'],
      plugins: [nativeAddons],
    },
  },
  {
    name: 'webview',
    source: 'webview/main.ts',
    options: {
      platform: 'browser',
      format: 'iife',
      outdir: path.join(dist, 'webview'),
      entryNames: '[name]',
      entryPoints: { main: path.join(root, 'webview/main.ts'), styles: path.join(root, 'webview/styles.css') },
    },
  },
  {
    // The server and the CLI run from a checkout with node_modules, so their packages stay external.
    name: 'server',
    source: 'server/main.ts',
    options: { platform: 'node', format: 'cjs', outfile: path.join(dist, 'server.js'), packages: 'external' },
  },
  {
    name: 'cli',
    source: 'client/cli/main.ts',
    options: { platform: 'node', format: 'cjs', outfile: path.join(dist, 'cli.js'), packages: 'external' },
  },
];

const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
let failed = false;
for (const entry of entries) {
  if (only.length && !only.includes(entry.name)) continue;
  const source = path.join(root, entry.source);
  if (!existsSync(source)) {
    console.log(`bundle: ${entry.name} skipped (${entry.source} does not exist yet)`);
    continue;
  }
  try {
    await build({ ...common, entryPoints: [source], ...entry.options });
    console.log(`bundle: ${entry.name} ok`);
  } catch {
    failed = true;
    console.error(`bundle: ${entry.name} failed`);
  }
}
process.exit(failed ? 1 : 0);
