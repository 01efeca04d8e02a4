#!/usr/bin/env node
// The same integration suite under @vscode/test-electron, for machines that can download
// VS Code (this one cannot: use run-code-server-tests.mjs). Without the code-server runner the
// webview DOM probes are skipped; everything else runs the same.
import { runTests } from '@vscode/test-electron';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildForVsCode, root, suiteEntry } from './build-suite.mjs';

await buildForVsCode();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'teamchat-electron-'));
mkdirSync(path.join(tmp, 'workspace'), { recursive: true });
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: suiteEntry,
    launchArgs: [path.join(tmp, 'workspace'), '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${path.join(tmp, 'user-data')}`],
    extensionTestsEnv: { TEAMCHAT_TEST_OUTPUT: path.join(root, 'test-output', 'vscode'), TEAMCHAT_TEST_WORKSPACE: path.join(tmp, 'workspace') },
  });
  console.log('integration suite passed (report in test-output/vscode/suite.log)');
} catch (e) {
  console.error(`integration suite failed: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
