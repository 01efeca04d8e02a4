#!/usr/bin/env node
// The unused test phase: knip (knip.jsonc) looks for files nothing reaches, exports and class
// members nobody uses, and dependencies the code never imports. Each kind of finding is one
// test, as each project is in typecheck.mjs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const knip = path.join(root, 'node_modules', '.bin', 'knip');
const run = spawnSync(knip, ['--reporter', 'json', '--no-progress'], { cwd: root, encoding: 'utf8' });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const KINDS = ['files', 'dependencies', 'devDependencies', 'unlisted', 'binaries', 'unresolved', 'exports', 'types', 'enumMembers', 'classMembers', 'duplicates'];
const found = Object.fromEntries(KINDS.map((kind) => [kind, []]));
for (const file of report.files ?? []) found.files.push(file);
for (const issue of report.issues ?? []) {
  for (const kind of KINDS.slice(1)) {
    const entries = issue[kind];
    // Members come grouped by their class or enum; everything else is a flat list.
    const flat = Array.isArray(entries)
      ? entries
      : Object.entries(entries ?? {}).flatMap(([owner, members]) => members.map((m) => ({ ...m, name: `${owner}.${m.name}` })));
    for (const entry of flat) {
      const name = Array.isArray(entry) ? entry.map((e) => e.name).join(' = ') : entry.name;
      const at = entry.line ? `:${entry.line}:${entry.col}` : '';
      found[kind].push(`${issue.file}${at}  ${name}`);
    }
  }
}
let failed = 0;
for (const kind of KINDS) {
  console.log(`${kind}: ${found[kind].length ? `${found[kind].length} unused` : 'ok'}`);
  for (const line of found[kind]) console.log(`  ${line}`);
  if (found[kind].length) failed++;
}
console.log(`${KINDS.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
