#!/usr/bin/env node
// Type-checks the Node side and the webview (which has the DOM and not Node) as one test.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
let failed = 0;
for (const project of ['tsconfig.json', 'webview/tsconfig.json']) {
  const r = spawnSync(tsc, ['--noEmit', '-p', path.join(root, project)], { stdio: 'inherit' });
  console.log(`tsc -p ${project}: ${r.status === 0 ? 'ok' : 'errors'}`);
  if (r.status !== 0) failed++;
}
console.log(`${2 - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
