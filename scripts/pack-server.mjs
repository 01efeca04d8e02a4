#!/usr/bin/env node
// `npm run pack:server`: the `teamchat-server` command as an npm package that runs without a
// checkout or tsx. esbuild bundles server/main.ts (our code, migrations included: they are
// listed in server/migrations/index.ts) into build/teamchat-server/teamchat-server.js; the
// packages it imports stay external (native argon2, PGlite's wasm and data files and MikroORM's
// dynamic requires load as they do from node_modules) and become the package's dependencies,
// pinned to the versions of this package.json, and everything they need to the versions of
// package-lock.json (npm-shrinkwrap.json: `npm ci` in the unpacked package installs exactly
// those; `npm install <tgz>` takes the newest its ranges allow, as npm ignores the shrinkwrap
// of a package installed from a file). Then `npm pack` there writes
// build/teamchat-server-<version>.tgz. The extension's .vsix is untouched: it is another package.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { shrinkwrapFor } from './server-shrinkwrap.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build', 'teamchat-server');
const rootPackage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const BIN = 'teamchat-server.js';
// Resolved by path at run time (server/db/embedded-postgres.ts hands it to the database's
// thread), so esbuild does not see it as an import.
const RESOLVED_AT_RUN_TIME = ['@electric-sql/pglite-socket'];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: [path.join(root, 'server', 'main.ts')],
  outfile: path.join(out, BIN),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  banner: { js: '#!/usr/bin/env node' },
  metafile: true,
  logLevel: 'warning',
});

/** '@scope/name/sub' and 'name/sub' to the package's name; null for Node's own modules. */
function packageOf(specifier) {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const imported = new Set(RESOLVED_AT_RUN_TIME);
for (const output of Object.values(result.metafile.outputs)) {
  for (const entry of output.imports) {
    const name = entry.external ? packageOf(entry.path) : null;
    if (name) imported.add(name);
  }
}
const dependencies = {};
for (const name of [...imported].sort()) {
  const version = rootPackage.dependencies[name];
  if (!version) {
    console.error(`pack-server: the server imports ${name}, which is not among package.json's dependencies.`);
    process.exit(1);
  }
  dependencies[name] = version;
}

const serverPackage = {
  name: 'teamchat-server',
  version: rootPackage.version,
  description: 'The TeamChat server: end-to-end encrypted team chat whose server stores only ciphertext.',
  license: rootPackage.license,
  bin: { 'teamchat-server': `./${BIN}` },
  files: [BIN, 'README.md', 'npm-shrinkwrap.json'],
  engines: { node: rootPackage.engines.node },
  dependencies,
};
writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(serverPackage, null, 2)}\n`);
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const { files: _files, description: _description, ...lockRoot } = serverPackage;
writeFileSync(path.join(out, 'npm-shrinkwrap.json'), `${JSON.stringify(shrinkwrapFor(lock, lockRoot), null, 2)}\n`);
copyFileSync(path.join(root, 'docs', 'server-package-readme.md'), path.join(out, 'README.md'));

const packed = execFileSync('npm', ['pack', '--pack-destination', path.join(root, 'build'), '--json'], { cwd: out, encoding: 'utf8' });
const [{ filename }] = JSON.parse(packed);
// Scripts and the package test read this line to find the file.
console.log(`teamchat-server package: ${path.join(root, 'build', filename)} (${Object.keys(dependencies).length} dependencies)`);
