// A new user's first day in a real VS Code (code-server, the packaged .vsix, headless Chromium),
// in the light and the dark theme, with the chat beside an editor at about 520 px: every step is
// done through the command palette, quick inputs, the keyboard and clicks inside the chat
// webview, as a person does it, and leaves a screenshot in test-output/ux/<theme>/. Bob is a
// teammate on the client core. Each item of issue 14 that was broken has its step here.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import { freePort, root } from '../../scripts/vscode/code-server.mjs';
import { percentile, seen, watchPanel } from './support/latency';
import { eventually, PASSPHRASE, Team } from './support/team';
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
    const team = new Team();
    const wb = new Workbench(theme, () => vsix);
    /** Light: "ask for my passphrase each session", so a restart locks; dark: remembered, so it comes back by itself. */
    const remember = theme === 'dark';
    let chat: Frame;
    let groupId = '';
    const figures: Record<string, unknown> = { theme };

    before(async function () {
      this.timeout(300_000);
      await team.start();
      await wb.open();
    });
    after(async function () {
      this.timeout(60_000);
      writeFileSync(path.join(wb.outputDir, 'figures.json'), JSON.stringify({ ...figures, screenshots: wb.shots }, null, 2));
      await wb.close();
      await team.stop();
    });

    const composer = () => chat.locator('#send-box textarea');
    const messagesShown = () => chat.evaluate("[...document.querySelectorAll('.message-log .message .body')].map((b) => b.textContent ?? '')") as Promise<string[]>;
    const connection = () => chat.locator('.session-bar .connection').textContent();
    async function unlockFromPanel(): Promise<void> {
      await chat.locator('.session-actions vscode-button', { hasText: 'Unlock' }).click();
      await wb.answer(PASSPHRASE);
      await eventually('the panel to be online', async () => (await connection()) === 'Online');
    }

    it('signs up: a server that does not answer is caught at the first question, and the answers go on from there', async () => {
      const nobody = await freePort();
      await wb.command('TeamChat: Sign Up');
      await wb.answer(`http://127.0.0.1:${nobody}`);
      assert.match(await wb.inputProblem(), /Nothing answers at 127\.0\.0\.1:\d+: the connection was refused/);
      await wb.shot('signup-server-unreachable');
      await wb.answer(team.server.url);
      await wb.page.locator('.quick-input-widget', { hasText: `Sign Up on ${new URL(team.server.url).host}` }).waitFor();
      await wb.answer(team.alice);
      await wb.answer(PASSPHRASE);
      await wb.answer(PASSPHRASE);
      await wb.pick(remember ? 'Remember on this device' : 'Ask for my passphrase each session');
      await wb.notification(`Welcome to TeamChat, ${team.alice}`, 60_000);
      await wb.shot('signed-up');
    });

    it('opens the chat beside an editor, about 520 px wide', async () => {
      await wb.page.keyboard.press('Control+P');
      await wb.answer('retry.ts');
      await wb.page.locator('.editor-instance .view-lines', { hasText: 'export async function retry' }).waitFor();
      await wb.command('TeamChat: Open Chat');
      chat = await wb.chat();
      const width = await wb.chatWidth();
      figures.chatWidth = width;
      assert.ok(width > 440 && width < 600, `the chat is ${width} px wide`);
      await chat.locator('.connection', { hasText: 'Online' }).waitFor();
      await wb.shot('chat-beside-editor');
    });

    it('creates a group all or nothing: a member who does not exist creates nothing; then it is made once', async () => {
      const zed = `zed-${team.suffix}`;
      await chat.locator('.groups-heading vscode-button', { hasText: 'New group' }).click();
      await chat.locator('#create-name input').fill('launch');
      await chat.locator('#create-members input').fill(`${team.bob.username}, ${zed}`);
      await chat.locator('#create-members input').press('Enter');
      await chat.locator('.part-create .form-error', { hasText: zed }).waitFor();
      await wb.shot('create-unknown-member');
      assert.deepEqual((await team.bob.refreshGroups()).filter((g) => g.name === 'launch'), [], 'no group was made for bob');
      await chat.locator('#create-members input').fill(team.bob.username);
      await chat.locator('#create-members input').press('Enter');
      await chat.locator('.chat-title', { hasText: 'launch' }).waitFor();
      const made = await eventually('bob to be in launch', async () => (await team.bob.refreshGroups()).find((g) => g.name === 'launch'));
      groupId = made.id;
      assert.equal((await team.bob.refreshGroups()).filter((g) => g.name === 'launch').length, 1);
      await watchPanel(chat);
      await wb.shot('group-created');
    });

    it('sends "one⏎two⏎three" typed without a pause: all three go, in order, and the box is empty', async () => {
      await composer().click();
      await wb.page.keyboard.type('one\ntwo\nthree\n');
      await eventually('three messages in the panel', async () => (await messagesShown()).slice(-3).join(',') === 'one,two,three');
      await eventually('bob to have all three', () => team.inbox.filter((m) => m.groupId === groupId).length >= 3);
      assert.deepEqual(team.inbox.filter((m) => m.groupId === groupId).map((m) => m.body), ['one', 'two', 'three']);
      assert.equal(await composer().inputValue(), '');
      await wb.shot('typed-fast');
    });

    it('Up-arrow in the empty composer edits the last message, focused; Escape cancels, Enter saves', async () => {
      await composer().click();
      await wb.page.keyboard.press('ArrowUp');
      const box = chat.locator('.message-editor .edit-box textarea');
      await box.waitFor();
      assert.equal(await chat.evaluate("Boolean(document.activeElement?.closest('.message-editor'))"), true, 'the edit box has focus');
      await wb.page.keyboard.type(' nope');
      await wb.page.keyboard.press('Escape');
      await chat.locator('.message-editor').waitFor({ state: 'detached' });
      assert.equal((await messagesShown()).at(-1), 'three');
      await wb.page.keyboard.press('ArrowUp');
      await box.waitFor();
      await wb.page.keyboard.press('End');
      await wb.page.keyboard.type(' (and four)');
      await wb.shot('editing');
      await wb.page.keyboard.press('Enter');
      await eventually('the edit to show', async () => (await messagesShown()).at(-1) === 'three (and four)');
      await eventually('bob to see the edit', async () => (await team.bob.history(groupId)).some((m) => m.body === 'three (and four)' && m.editedAt));
      assert.equal(await chat.locator('.message-editor').count(), 0, 'one edit box at a time, and none once saved');
      await wb.shot('edited');
    });

    it(`shows a teammate's messages as they arrive (peer → panel, measured)`, async () => {
      const bodies = Array.from({ length: 10 }, (_, i) => `from bob ${i + 1}`);
      const delays: number[] = [];
      for (const body of bodies) {
        await team.say(groupId, body);
        await eventually(`"${body}" in the panel`, async () => (await seen(chat)).shown[body]);
        delays.push((await seen(chat)).shown[body]!.wall - team.sentAt.get(body)!);
      }
      figures.peerToPanelMs = { n: delays.length, p50: percentile(delays, 50), p90: percentile(delays, 90), max: Math.max(...delays) };
      console.log(`      peer → panel (${theme}): ${JSON.stringify(figures.peerToPanelMs)}`);
      await wb.shot('peer-messages');
    });

    it('measures Enter → shown as sent over 50 sends', async () => {
      const before = (await seen(chat)).enters.length;
      await composer().click();
      for (let i = 1; i <= 50; i++) {
        const body = `measured ${i}`;
        await wb.page.keyboard.type(body);
        await wb.page.keyboard.press('Enter');
        await eventually(`"${body}" shown as sent`, async () => (await seen(chat)).shown[body]);
      }
      const s = await seen(chat);
      const waits = Array.from({ length: 50 }, (_, i) => s.shown[`measured ${i + 1}`]!.perf - s.enters[before + i]!);
      assert.ok(waits.every((w) => w >= 0), 'each message shows after its own Enter');
      figures.enterToShownMs = { n: waits.length, p50: percentile(waits, 50), p90: percentile(waits, 90), max: Math.max(...waits) };
      console.log(`      Enter → shown as sent (${theme}): ${JSON.stringify(figures.enterToShownMs)}`);
    });

    it('scrolled up, new messages get a "New messages" divider and a jump button, and count as read only once seen', async () => {
      await chat.evaluate("document.querySelector('.history').scrollTo({ top: 0 })");
      await team.say(groupId, 'while you were reading up there');
      await chat.locator('.jump-latest').waitFor();
      await chat.locator('.new-divider').waitFor({ state: 'attached' });
      await wb.shot('new-messages-jump');
      await chat.locator('.jump-latest').click();
      await chat.locator('.new-divider').scrollIntoViewIfNeeded();
      await chat.locator('.jump-latest').waitFor({ state: 'hidden' });
      await wb.shot('jumped-to-latest');
    });

    it('keeps an outbox: sent while the server is down, it waits, and goes out once when the server is back', async () => {
      await team.stopServer();
      await eventually('the panel to say it is offline', async () => (await connection())?.startsWith('Offline'));
      await composer().click();
      await wb.page.keyboard.type('sent while the server was down\n');
      await chat.locator('.pending-message', { hasText: 'Waiting for the connection' }).waitFor();
      assert.equal(await composer().inputValue(), '', 'the box clears at once');
      await wb.shot('outbox-waiting');
      await team.startServer();
      await eventually('the panel to be online', async () => (await connection()) === 'Online', 60_000);
      await eventually('bob to get it', () => team.inbox.some((m) => m.body === 'sent while the server was down'), 60_000);
      await eventually('the pending copy to go', async () => (await chat.locator('.pending-message').count()) === 0);
      assert.equal(team.inbox.filter((m) => m.body === 'sent while the server was down').length, 1, 'once');
      assert.equal((await messagesShown()).filter((b) => b === 'sent while the server was down').length, 1);
      await wb.shot('outbox-delivered');
    });

    it('notices when the extension host restarts, says so, and comes back to the same group', async () => {
      await wb.command('Developer: Restart Extension Host');
      await eventually('the panel to notice', async () => /Reconnecting to VS Code|Locked|Connecting/.test((await connection()) ?? ''), 30_000);
      await wb.shot('host-restarting');
      if (!remember) {
        await chat.locator('.session-actions vscode-button', { hasText: 'Unlock' }).waitFor({ timeout: 60_000 });
        await wb.shot('locked-after-restart');
        await unlockFromPanel();
      }
      await eventually('the panel to be online', async () => (await connection()) === 'Online', 60_000);
      await chat.locator('.chat-title', { hasText: 'launch' }).waitFor();
      await composer().click();
      await wb.page.keyboard.type('after the restart\n');
      await eventually('bob to get it', () => team.inbox.some((m) => m.body === 'after the restart'));
      await wb.shot('after-host-restart');
    });

    it('after a window reload, the panel comes back with its group and the unsent draft', async () => {
      await composer().click();
      await wb.page.keyboard.type('a half-written thought');
      await wb.page.waitForTimeout(300);
      await wb.command('Developer: Reload Window');
      await wb.page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
      chat = await wb.chat(60_000);
      if (!remember) {
        await chat.locator('.session-actions vscode-button', { hasText: 'Unlock' }).waitFor({ timeout: 60_000 });
        await unlockFromPanel();
      }
      await chat.locator('.chat-title', { hasText: 'launch' }).waitFor({ timeout: 60_000 });
      await eventually('the draft to be back', async () => (await composer().inputValue()) === 'a half-written thought');
      await wb.shot('reloaded-with-draft');
      await composer().fill('');
      await watchPanel(chat);
    });

    it('when locked, says "Locked" everywhere and offers Unlock', async () => {
      await wb.command('TeamChat: Lock');
      await wb.notification(/TeamChat is locked/);
      await eventually('the panel to say Locked', async () => (await connection()) === 'Locked');
      await chat.locator('.session-actions vscode-button', { hasText: 'Unlock' }).waitFor();
      const status = wb.page.locator('.statusbar-item[aria-label*="TeamChat: locked"]');
      await status.waitFor();
      await wb.command('View: Show TeamChat');
      await wb.page.locator('.welcome-view-content', { hasText: 'TeamChat is locked' }).waitFor();
      assert.equal(await wb.page.locator('.welcome-view-content a, .welcome-view-content .monaco-button', { hasText: 'Sign In' }).count(), 0, 'no Sign In while locked');
      await wb.shot('locked');
      await unlockFromPanel();
      await wb.page.keyboard.press('Control+B');
    });

    it('fits a 320 px panel: members behind a toggle, actions in a menu, and the groups a back button away', async () => {
      await wb.resize(720);
      const width = await wb.chatWidth();
      figures.narrowWidth = width;
      assert.ok(width <= 400, `the chat is ${width} px wide`);
      await chat.locator('.chat-title', { hasText: 'launch' }).waitFor();
      await wb.shot('narrow-chat');
      await chat.locator('.members-toggle').click();
      await chat.locator('.members[data-open="true"]').waitFor();
      await wb.shot('narrow-members');
      await chat.locator('.members-toggle').click();
      await chat.locator('.overflow-trigger').click();
      await chat.locator('.overflow-menu [role="menuitem"]', { hasText: 'Leave group…' }).waitFor();
      await wb.shot('narrow-menu');
      await wb.page.keyboard.press('Escape');
      await chat.locator('.back-to-groups').click();
      await chat.locator('.group-item', { hasText: 'launch' }).waitFor();
      await wb.shot('narrow-groups');
      await chat.locator('.group-item', { hasText: 'launch' }).click();
      await wb.resize(1120);
    });
  });
}
