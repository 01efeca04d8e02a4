// The extension host's entry for the integration suite (extensionTestsPath). The same file runs
// under code-server (scripts/vscode/run-code-server-tests.mjs) and under @vscode/test-electron
// (scripts/vscode/run-electron-tests.mjs). Mocha's report goes to the host's console and to
// test-output/vscode/suite.log, which the runners print; it ends with "N passed, N failed".
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const outputDir = process.env.TEAMCHAT_TEST_OUTPUT ?? path.resolve(__dirname, '../../test-output/vscode');
  mkdirSync(outputDir, { recursive: true });
  const reportFile = path.join(outputDir, 'suite.log');
  writeFileSync(reportFile, '');
  const write = (text: string) => appendFileSync(reportFile, text);

  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void; useColors: boolean };
  const originalLog = base.consoleLog;
  base.useColors = false;
  base.consoleLog = (...args: unknown[]) => {
    write(`${format(...args)}\n`);
    originalLog(...args);
  };
  const originalWrite = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    write(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    return (originalWrite as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;

  // TEAMCHAT_VSCODE_GREP="snippet" runs only the tests whose full title matches (while working on one part).
  const grep = process.env.TEAMCHAT_VSCODE_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'teamchat-vscode-suite', mocha);
  // Loaded after pre-require so describe/it exist; esbuild keeps these require()s lazy.
  require('./extension.test');
  require('./chat.test');
  require('./diffs.test');
  require('./code-links.test');
  require('./snippet-follow.test');
  require('./discussions.test');

  try {
    let runner: Mocha.Runner | undefined;
    const failures = await new Promise<number>((resolve) => (runner = mocha.run(resolve)));
    const stats = runner?.stats;
    const skipped = stats?.pending ? `, ${stats.pending} skipped` : '';
    write(`\n${stats?.passes ?? 0} passed, ${stats?.failures ?? failures} failed${skipped}\n`);
    if (failures > 0) throw new Error(`${failures} integration test(s) failed.`);
  } finally {
    base.consoleLog = originalLog;
    process.stdout.write = originalWrite as typeof process.stdout.write;
  }
}
