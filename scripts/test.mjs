#!/usr/bin/env node
// The one test command (README, .ci/run): runs every phase, each of which closes with
// "N passed, N failed", and closes with the sum of them all in the same form.
// `npm test -- <phase> [<phase>...]` runs only the named phases.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const mocha = (...globs) => [bin('mocha'), ['--config', path.join(root, '.mocharc.json'), ...globs]];

const phases = {
  typecheck: [process.execPath, [path.join(root, 'scripts', 'typecheck.mjs')]],
  lint: [process.execPath, [path.join(root, 'scripts', 'lint.mjs')]],
  unused: [process.execPath, [path.join(root, 'scripts', 'unused.mjs')]],
  unit: mocha('test/unit/**/*.test.ts'),
  server: mocha('test/server/**/*.test.ts'),
  e2e: mocha('test/e2e/**/*.test.ts'),
  reliability: mocha('test/reliability/**/*.test.ts'),
  webview: mocha('test/webview/**/*.test.ts'),
  vscode: [process.execPath, [path.join(root, 'scripts', 'vscode', 'run-code-server-tests.mjs')]],
  // A person's first day in a real VS Code with the packaged extension, light and dark (test/ux).
  ux: mocha('--timeout', '600000', 'test/ux/**/*.ux.test.ts'),
};

const SUMMARY = /^(?:\w+:\s*)?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/;

function run(name, [cmd, args]) {
  return new Promise((resolve) => {
    process.stdout.write(`\n=== ${name} ===\n`);
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    let last = null;
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = SUMMARY.exec(line.trim());
        if (m) last = { passed: +m[1], failed: +m[2], skipped: +(m[3] ?? 0) };
      }
    });
    child.on('close', (code, signal) => {
      const m = SUMMARY.exec(buffered.trim());
      if (m) last = { passed: +m[1], failed: +m[2], skipped: +(m[3] ?? 0) };
      if (!last) last = { passed: 0, failed: 1, skipped: 0 };
      // A phase that crashed after printing its summary still counts as a failure.
      if ((code !== 0 || signal) && last.failed === 0) last.failed = 1;
      resolve(last);
    });
  });
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in phases));
if (unknown.length) {
  console.error(`Unknown test phase: ${unknown.join(', ')}. Phases: ${Object.keys(phases).join(', ')}.`);
  process.exit(2);
}
const total = { passed: 0, failed: 0, skipped: 0 };
const rows = [];
for (const name of wanted.length ? wanted : Object.keys(phases)) {
  const result = await run(name, phases[name]);
  rows.push(`${name.padEnd(12)} ${result.passed} passed, ${result.failed} failed`);
  total.passed += result.passed;
  total.failed += result.failed;
  total.skipped += result.skipped;
}
console.log(`\n=== summary ===\n${rows.join('\n')}\n`);
const skipped = total.skipped ? `, ${total.skipped} skipped` : '';
console.log(`${total.passed} passed, ${total.failed} failed${skipped}`);
process.exit(total.failed ? 1 : 0);
