#!/usr/bin/env node
// `npm run test:vscode`: runs the extension's integration suite (test/vscode/suite) inside a
// real VS Code: the VS Code server that code-server carries, opened in Debian's headless
// Chromium through playwright-core. The extension host runs the suite and reports its exit code
// through the smoke-test driver's codeAutomationExit. While it runs, this script answers the
// suite's webview probes: it finds the chat webview's frame, reads its DOM and saves a screenshot.
// Ends with the suite's "N passed, N failed".
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { buildForVsCode, suiteEntry } from './build-suite.mjs';
import { freshProfile, installCodeServer, launchChromium, quietSettings, root, startVsCodeServer } from './code-server.mjs';

const outputDir = path.join(root, 'test-output', 'vscode');
const SUITE_TIMEOUT_MS = Number(process.env.TEAMCHAT_VSCODE_TIMEOUT_MS ?? 5 * 60_000);
const log = (...a) => console.log('[runner]', ...a);

function fail(message) {
  console.log(`[runner] ${message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// 1. code-server (cached outside the repo) and the Chromium it is driven with.
let cs;
try {
  cs = installCodeServer();
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}

// 2. The extension as it ships (dist/), and the suite bundled for the extension host.
try {
  await buildForVsCode();
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}

// 3. A fresh VS Code profile, extensions folder and workspace for this run.
// TEAMCHAT_VSCODE_THEME="Default Dark Modern" shows the panel in another theme's colours.
// git on: the code-aware tests ask VS Code's git extension for repository facts (it finds repositories only when asked).
const profile = freshProfile(quietSettings({ 'git.enabled': true, ...(process.env.TEAMCHAT_VSCODE_THEME ? { 'workbench.colorTheme': process.env.TEAMCHAT_VSCODE_THEME } : {}) }));
const { workspace } = profile;
const probeDir = path.join(profile.tmp, 'probe');
for (const d of [probeDir, outputDir]) mkdirSync(d, { recursive: true });

let browser;
let exitCode;
let server;
try {
  server = await startVsCodeServer(cs, profile, {
    smokeTestDriver: true,
    env: { TEAMCHAT_TEST_OUTPUT: outputDir, TEAMCHAT_WEBVIEW_PROBE: probeDir, TEAMCHAT_TEST_WORKSPACE: workspace },
  });
  const { port } = server;
  log(`VS Code server up on port ${port}`);

  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const hostLog = [];
  let resolveExit;
  const exited = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationLog', (level, message) => hostLog.push(`[${level}] ${message}`));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  page.on('pageerror', (e) => hostLog.push(`[pageerror] ${e.message}`));

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(root)],
    ['extensionTestsPath', remote(suiteEntry)],
  ]);
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
  log('opening the workbench in Chromium');
  await page.goto(url);

  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS)));
  const probing = answerProbes(page, probeDir, () => exitCode !== undefined);
  exitCode = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  await probing.catch(() => undefined);
  if (exitCode === 'timeout') {
    await page.screenshot({ path: path.join(outputDir, 'timeout.png') }).catch(() => undefined);
    log(`the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s (screenshot: test-output/vscode/timeout.png)`);
  }
  writeFileSync(path.join(outputDir, 'workbench.log'), hostLog.join('\n'));
} catch (e) {
  log(`error: ${e instanceof Error ? e.stack : e}`);
} finally {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  writeFileSync(path.join(outputDir, 'server.log'), server?.log() ?? '');
  profile.remove();
}

// 4. The suite's own report, written by test/vscode/suite/index.ts.
const reportFile = path.join(outputDir, 'suite.log');
const report = existsSync(reportFile) ? readFileSync(reportFile, 'utf8') : '';
process.stdout.write(report.replace(/\n?\d+ passed, \d+ failed[^\n]*\n?$/, '\n'));
const summary = /(\d+) passed, (\d+) failed/.exec(report.trim().split('\n').at(-1) ?? '');
let passed = summary ? Number(summary[1]) : 0;
let failed = summary ? Number(summary[2]) : 0;
if (exitCode !== 0 && failed === 0) failed = 1;
log(`extension host exit code: ${exitCode}; logs in test-output/vscode/`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

/**
 * The suite asks "does the chat webview show this text?" by writing probe-<n>.json; this
 * answers with probe-<n>.answer.json after looking at every frame's DOM, and saves a screenshot.
 */
async function answerProbes(page, dir, done) {
  const answered = new Set();
  while (!done()) {
    for (const file of readdirSync(dir)) {
      const m = /^probe-(\d+)\.json$/.exec(file);
      if (!m || answered.has(file)) continue;
      answered.add(file);
      const probe = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      const answer = await probeWebview(page, probe);
      // Written whole, then renamed: the suite polls for the file and must never read half of it.
      const answerFile = path.join(dir, `probe-${m[1]}.answer.json`);
      writeFileSync(`${answerFile}.part`, JSON.stringify(answer));
      renameSync(`${answerFile}.part`, answerFile);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function probeWebview(page, probe) {
  // `workbench: true` looks at VS Code's own page (the editor, its comment threads, the panels), not inside a webview.
  for (const frame of probe.workbench ? [page.mainFrame()] : page.frames()) {
    const found = await frame
      .evaluate(({ selector }) => {
        const el = document.querySelector(selector);
        return el ? { text: el.textContent ?? '' } : null;
      }, { selector: probe.selector })
      .catch(() => null);
    if (!found) continue;
    if (probe.contains && !found.text.includes(probe.contains)) return { found: true, text: found.text };
    let screenshot;
    if (probe.screenshot) {
      screenshot = path.join(outputDir, probe.screenshot);
      await page.screenshot({ path: screenshot });
      const element = await frame.frameElement().catch(() => null);
      if (element) await element.screenshot({ path: screenshot.replace(/\.png$/, '-panel.png') }).catch(() => undefined);
    }
    // Act as the user would, through real input events in the webview.
    const action = probe.action;
    if (action?.kind === 'type') {
      const box = frame.locator(action.selector);
      await box.click();
      await box.pressSequentially(action.text);
      for (const key of action.keys ?? []) await box.press(key);
    } else if (action?.kind === 'click') {
      await frame.locator(action.selector).click();
    }
    const frameInfo = await frame.evaluate(() => ({
      messages: [...document.querySelectorAll('.message')].map((m) => ({ text: m.textContent ?? '', classes: m.className })),
      title: document.querySelector('.chat-title')?.textContent ?? '',
      focused: document.activeElement?.tagName ?? '',
    })).catch(() => ({ messages: [], title: '', focused: '' }));
    return { found: true, text: found.text, ...frameInfo, screenshot };
  }
  return { found: false };
}
