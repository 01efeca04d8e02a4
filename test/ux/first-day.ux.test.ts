// A new user's first day in a real VS Code (code-server, the packaged .vsix, headless Chromium),
// in the light and the dark theme, with the chat beside an editor at about 520 px: every step is
// done through the command palette, quick inputs, the keyboard and clicks inside the chat
// webview, as a person does it, and leaves a screenshot in test-output/ux/<theme>/. Bob is a
// teammate on the client core. Each item of issue 14 that was broken has its step
// (steps/first-day.ts), and so has each feature it asked for (steps/day-one-features.ts);
// issue 15's notice to group admins when a server admin deactivates a member is steps/team-admin.ts;
// issue 16's direct message with bob is steps/direct-message.ts.
// issue 16's image pasted into the chat, its thumbnail and its full-size view, steps/image-paste.ts.
// issue 16's threads are steps/threads.ts.
// issue 16's search in the panel (Ctrl+F) is steps/search.ts.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import { root } from '../../scripts/vscode/code-server.mjs';
import { dayOneFeatureSteps } from './steps/day-one-features';
import { directMessageSteps } from './steps/direct-message';
import { firstDaySteps } from './steps/first-day';
import { imagePasteSteps } from './steps/image-paste';
import { searchSteps } from './steps/search';
import { teamAdminSteps } from './steps/team-admin';
import { threadSteps } from './steps/threads';
import { Team } from './support/team';
import type { UxRun } from './support/ux-run';
import { Workbench, type Theme } from './support/workbench';

const THEMES = (process.env.TEAMCHAT_UX_THEMES ?? 'light,dark').split(',') as Theme[];
let vsix = '';

before(function () {
  this.timeout(300_000);
  vsix = path.join(mkdtempSync(path.join(os.tmpdir(), 'teamchat-vsix-')), 'teamchat.vsix');
  const packed = spawnSync('npm', ['run', 'package', '--', '--out', vsix], { cwd: root, encoding: 'utf8' });
  assert.equal(packed.status, 0, `npm run package failed:\n${packed.stdout}\n${packed.stderr}`);
});

for (const theme of THEMES) {
  describe(`a first day with TeamChat in VS Code (${theme} theme, beside an editor)`, function () {
    this.timeout(120_000);
    // Each step starts where the one before left the workbench: after a failure the rest of
    // this theme's steps would only time out, so they are skipped (the other theme still runs).
    let failed = false;
    beforeEach(function () {
      if (failed) this.skip();
    });
    const team = new Team();
    const wb = new Workbench(theme, () => vsix);
    const run: UxRun = { theme, team, wb, remember: theme === 'dark', chat: undefined as unknown as Frame, groupId: '', figures: { theme } };

    before(async function () {
      this.timeout(300_000);
      await team.start();
      await wb.open();
    });
    afterEach(async function () {
      if (this.currentTest?.state !== 'failed') return;
      failed = true;
      await wb.shot(`FAILED-${this.currentTest.title.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`).catch(() => undefined);
    });
    after(async function () {
      this.timeout(60_000);
      writeFileSync(path.join(wb.outputDir, 'figures.json'), JSON.stringify({ ...run.figures, screenshots: wb.shots }, null, 2));
      await wb.close();
      await team.stop();
    });

    firstDaySteps(run);
    dayOneFeatureSteps(run);
    teamAdminSteps(run);
    imagePasteSteps(run);
    threadSteps(run);
    searchSteps(run);
    // Last: it leaves the panel at the DM with bob, where the steps above would not be.
    directMessageSteps(run);
  });
}
