// The steps of a new user's first day, in order, each through the palette, quick inputs, the
// keyboard and clicks in the chat webview, each leaving a screenshot: sign-up with the server
// checked first, the chat beside an editor, create all or nothing, typing fast, editing with
// Up-arrow, a teammate's messages, Enter → shown, "New messages", the outbox with the server
// down, an extension host crash, a window reload with a draft, the locked state, and 320 px.
import * as assert from 'node:assert/strict';
import { freePort } from '../../../scripts/vscode/code-server.mjs';
import { percentile, seen, watchPanel } from '../support/latency';
import { eventually, PASSPHRASE } from '../support/team';
import { composer, connection, messagesShown, signInFromPanel, unlockFromPanel, type UxRun } from '../support/ux-run';

export function firstDaySteps(run: UxRun): void {
  const { team, wb } = run;

  it('signs up: a server that does not answer is caught at the first question, and the answers go on from there', async () => {
    const nobody = await freePort();
    await wb.command('TeamChat: Sign Up');
    await wb.answer('TeamChat server', `http://127.0.0.1:${nobody}`);
    await wb.inputMessage(/Nothing answers at 127\.0\.0\.1:\d+: the connection was refused/);
    await wb.shot('signup-server-unreachable');
    await wb.answer('TeamChat server', team.server.url);
    // A fresh server with no server admin yet offers its setup code; alice joins as a member.
    await wb.answer('Setup code (optional)', '');
    await wb.answer(`Sign Up on ${new URL(team.server.url).host}`, team.alice);
    await wb.answer('Choose a passphrase', PASSPHRASE);
    await wb.answer('Type the passphrase again', PASSPHRASE);
    await wb.pick('Stay unlocked?', run.remember ? 'Remember on this device' : 'Ask for my passphrase each session');
    // The recovery key, shown once in a modal dialog until the user says it is saved.
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'Your TeamChat recovery key' });
    await dialog.waitFor({ timeout: 60_000 });
    assert.match(await dialog.innerText(), /([0-9A-Z]{4}-){13}[0-9A-Z]{4}/);
    await wb.shot('recovery-key-shown');
    await dialog.locator('.monaco-button', { hasText: 'I Saved It' }).click();
    await wb.notification(`Welcome to TeamChat, ${team.alice}`, 60_000);
    await wb.shot('signed-up');
  });

  it('opens the chat beside an editor, about 520 px wide', async () => {
    await wb.command('View: Close Primary Side Bar');
    await wb.openFile('retry.ts');
    await wb.page.locator('.editor-instance .view-lines', { hasText: 'export async function retry' }).waitFor();
    await wb.command('TeamChat: Open Chat');
    run.chat = await wb.chat();
    const width = await wb.chatWidth();
    run.figures.chatWidth = width;
    assert.ok(width > 440 && width < 600, `the chat is ${width} px wide`);
    await run.chat.locator('.connection', { hasText: 'Online' }).waitFor();
    await wb.shot('chat-beside-editor');
  });

  it('creates a group all or nothing: a member who does not exist creates nothing; then it is made once', async () => {
    const zed = `zed-${team.suffix}`;
    await run.chat.locator('.groups-heading vscode-button', { hasText: 'New group' }).click();
    await run.chat.locator('#create-name input').fill('launch');
    await run.chat.locator('#create-members input').fill(`${team.bob.username}, ${zed}`);
    await run.chat.locator('#create-members input').press('Enter');
    await run.chat.locator('.part-create .form-error', { hasText: zed }).waitFor();
    await wb.shot('create-unknown-member');
    assert.deepEqual((await team.bob.refreshGroups()).filter((g) => g.name === 'launch'), [], 'no group was made for bob');
    await run.chat.locator('#create-members input').fill(team.bob.username);
    await run.chat.locator('#create-members input').press('Enter');
    await run.chat.locator('.chat-title', { hasText: 'launch' }).waitFor();
    const made = await eventually('bob to be in launch', async () => (await team.bob.refreshGroups()).find((g) => g.name === 'launch'));
    run.groupId = made.id;
    assert.equal((await team.bob.refreshGroups()).filter((g) => g.name === 'launch').length, 1);
    await watchPanel(run.chat);
    await wb.shot('group-created');
  });

  it('sends "one⏎two⏎three" typed without a pause: all three go, in order, and the box is empty', async () => {
    await composer(run).focus();
    const start = Date.now();
    await wb.page.keyboard.type('one\ntwo\nthree\n');
    await eventually('three messages in the panel', async () => (await messagesShown(run)).slice(-3).join(',') === 'one,two,three');
    const shown = Date.now() - start;
    await eventually('bob to have all three', () => team.inbox.filter((m) => m.groupId === run.groupId).length >= 3);
    run.figures.typedFastMs = { panelShowsAll: shown, bobHasAll: Date.now() - start };
    assert.deepEqual(team.inbox.filter((m) => m.groupId === run.groupId).map((m) => m.body), ['one', 'two', 'three']);
    assert.equal(await composer(run).inputValue(), '');
    await wb.shot('typed-fast');
  });

  it('Up-arrow in the empty composer edits the last message, focused; Escape cancels, Enter saves', async () => {
    await composer(run).focus();
    await wb.page.keyboard.press('ArrowUp');
    const box = run.chat.locator('.message-editor .edit-box textarea');
    await box.waitFor();
    assert.equal(await run.chat.evaluate("Boolean(document.activeElement?.closest('.message-editor'))"), true, 'the edit box has focus');
    await wb.page.keyboard.type(' nope');
    await wb.page.keyboard.press('Escape');
    await run.chat.locator('.message-editor').waitFor({ state: 'detached' });
    assert.equal((await messagesShown(run)).at(-1), 'three');
    await wb.page.keyboard.press('ArrowUp');
    await box.waitFor();
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.type(' (and four)');
    await wb.shot('editing');
    await wb.page.keyboard.press('Enter');
    await eventually('the edit to show', async () => (await messagesShown(run)).at(-1) === 'three (and four)');
    await eventually('bob to see the edit', async () => (await team.bob.history(run.groupId)).some((m) => m.body === 'three (and four)' && m.editedAt));
    assert.equal(await run.chat.locator('.message-editor').count(), 0, 'one edit box at a time, and none once saved');
    await wb.shot('edited');
  });

  it(`shows a teammate's messages as they arrive (peer → panel, measured)`, async () => {
    const bodies = Array.from({ length: 10 }, (_, i) => `from bob ${i + 1}`);
    const delays: number[] = [];
    for (const body of bodies) {
      await team.say(run.groupId, body);
      await eventually(`"${body}" in the panel`, async () => (await seen(run.chat)).shown[body]);
      delays.push((await seen(run.chat)).shown[body]!.wall - team.sentAt.get(body)!);
    }
    run.figures.peerToPanelMs = { n: delays.length, p50: percentile(delays, 50), p90: percentile(delays, 90), max: Math.max(...delays) };
    console.log(`      peer → panel (${run.theme}): ${JSON.stringify(run.figures.peerToPanelMs)}`);
    await wb.shot('peer-messages');
  });

  it('measures Enter → shown as sent over 50 sends', async () => {
    const before = (await seen(run.chat)).enters.length;
    await composer(run).focus();
    for (let i = 1; i <= 50; i++) {
      const body = `measured ${i}`;
      await wb.page.keyboard.type(body);
      await wb.page.keyboard.press('Enter');
      await eventually(`"${body}" shown as sent`, async () => (await seen(run.chat)).shown[body]);
    }
    const s = await seen(run.chat);
    const waits = Array.from({ length: 50 }, (_, i) => s.shown[`measured ${i + 1}`]!.perf - s.enters[before + i]!);
    assert.ok(waits.every((w) => w >= 0), 'each message shows after its own Enter');
    run.figures.enterToShownMs = { n: waits.length, p50: percentile(waits, 50), p90: percentile(waits, 90), max: Math.max(...waits) };
    console.log(`      Enter → shown as sent (${run.theme}): ${JSON.stringify(run.figures.enterToShownMs)}`);
  });

  it('scrolled up, new messages get a "New messages" divider and a jump button, and count as read only once seen', async () => {
    await run.chat.evaluate("document.querySelector('.history').scrollTo({ top: 0 })");
    await team.say(run.groupId, 'while you were reading up there');
    await run.chat.locator('.jump-latest').waitFor();
    await run.chat.locator('.new-divider').waitFor({ state: 'attached' });
    await wb.shot('new-messages-jump');
    await run.chat.locator('.jump-latest').click();
    await run.chat.locator('.new-divider').scrollIntoViewIfNeeded();
    await run.chat.locator('.jump-latest').waitFor({ state: 'hidden' });
    await wb.shot('jumped-to-latest');
  });

  it('keeps an outbox: sent while the server is down, it waits, and goes out once when the server is back', async () => {
    await team.stopServer();
    await eventually('the panel to say it is offline', async () => (await connection(run))?.startsWith('Offline'));
    await composer(run).focus();
    await wb.page.keyboard.type('sent while the server was down\n');
    await run.chat.locator('.pending-message', { hasText: 'Waiting for the connection' }).waitFor();
    assert.equal(await composer(run).inputValue(), '', 'the box clears at once');
    await wb.shot('outbox-waiting');
    await team.startServer();
    await eventually('the panel to be online', async () => (await connection(run)) === 'Online', 60_000);
    await eventually('bob to get it', () => team.inbox.some((m) => m.body === 'sent while the server was down'), 60_000);
    await eventually('the pending copy to go', async () => (await run.chat.locator('.pending-message').count()) === 0);
    assert.equal(team.inbox.filter((m) => m.body === 'sent while the server was down').length, 1, 'once');
    assert.equal((await messagesShown(run)).filter((b) => b === 'sent while the server was down').length, 1);
    await wb.shot('outbox-delivered');
  });

  it('notices when the extension host crashes, says so within seconds, and the new host puts a live chat at the same group in its place', async () => {
    const stale = run.chat;
    wb.crashExtensionHost();
    // The new host may replace the tab before the old page's heartbeat gives up: either is fine.
    const noticed = await eventually('the panel to notice, or to be replaced', async () => {
      if (stale.isDetached()) return 'replaced';
      const said = await connection(run).catch(() => null);
      return said === 'Reconnecting to VS Code…' ? 'noticed' : undefined;
    }, 30_000);
    run.figures.hostCrash = noticed;
    if (noticed === 'noticed') {
      await wb.shot('host-gone');
      assert.notEqual(await stale.locator('#send-box').getAttribute('disabled').catch(() => 'gone'), null, 'no typing into a panel nobody answers');
    }
    run.chat = await eventually('a live chat in its place', async () => {
      const frame = await wb.chat();
      return frame !== stale && !stale.isDetached() ? undefined : frame !== stale ? frame : undefined;
    }, 60_000);
    if (!run.remember) {
      await run.chat.locator('.session-actions vscode-button', { hasText: 'Unlock' }).waitFor({ timeout: 60_000 });
      await wb.shot('locked-after-restart');
      await unlockFromPanel(run);
    }
    await eventually('the panel to be online', async () => (await connection(run)) === 'Online', 60_000);
    await run.chat.locator('.chat-title', { hasText: 'launch' }).waitFor();
    await composer(run).focus();
    await wb.page.keyboard.type('after the restart\n');
    await eventually('bob to get it', () => team.inbox.some((m) => m.body === 'after the restart'));
    await wb.shot('after-host-restart');
  });

  it('after a window reload, the panel comes back with its group and the unsent draft', async () => {
    await composer(run).focus();
    await wb.page.keyboard.type('a half-written thought');
    await wb.page.waitForTimeout(300);
    await wb.command('Developer: Reload Window');
    await wb.page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
    run.chat = await wb.chat(60_000);
    // The web workbench keeps SecretStorage in memory only (no OS keychain), so a reload signs
    // out where desktop VS Code would be locked or, remembered, unlocked: sign in from the panel.
    const state = await eventually('the panel to say where it is', async () => {
      const said = await connection(run);
      return said === 'Online' || said === 'Locked' || said === 'Signed out' ? said : undefined;
    }, 60_000);
    run.figures.afterReload = state;
    if (state === 'Locked') await unlockFromPanel(run);
    if (state === 'Signed out') await signInFromPanel(run);
    await run.chat.locator('.chat-title', { hasText: 'launch' }).waitFor({ timeout: 60_000 });
    await eventually('the draft to be back', async () => (await composer(run).inputValue()) === 'a half-written thought');
    await wb.shot('reloaded-with-draft');
    await composer(run).fill('');
    await watchPanel(run.chat);
  });

  it('when locked, says "Locked" everywhere and offers Unlock', async () => {
    await wb.command('TeamChat: Lock');
    await wb.page.locator('.statusbar-item', { hasText: 'TeamChat is locked' }).waitFor();
    await eventually('the panel to say Locked', async () => (await connection(run)) === 'Locked');
    await run.chat.locator('.session-actions vscode-button', { hasText: 'Unlock' }).waitFor();
    const status = wb.page.locator('.statusbar-item[aria-label*="TeamChat: locked"]');
    await status.waitFor();
    await wb.command('View: Show TeamChat');
    await wb.page.locator('.welcome-view-content', { hasText: 'TeamChat is locked' }).waitFor();
    assert.equal(await wb.page.locator('.welcome-view-content a, .welcome-view-content .monaco-button', { hasText: 'Sign In' }).count(), 0, 'no Sign In while locked');
    await wb.shot('locked');
    await unlockFromPanel(run);
    await wb.command('View: Close Primary Side Bar');
  });

  it('fits a 320 px panel: members behind a toggle, actions in a menu, and the groups a back button away', async () => {
    await wb.resize(720);
    const width = await wb.chatWidth();
    run.figures.narrowWidth = width;
    assert.ok(width <= 400, `the chat is ${width} px wide`);
    await run.chat.locator('.chat-title', { hasText: 'launch' }).waitFor();
    await wb.shot('narrow-chat');
    await run.chat.locator('.members-toggle').click();
    await run.chat.locator('.members[data-open="true"]').waitFor();
    await wb.shot('narrow-members');
    await run.chat.locator('.members-toggle').click();
    await run.chat.locator('.overflow-trigger').click();
    await run.chat.locator('.overflow-menu [role="menuitem"]', { hasText: 'Leave group…' }).waitFor();
    await wb.shot('narrow-menu');
    await wb.page.keyboard.press('Escape');
    await run.chat.locator('.back-to-groups').click();
    await run.chat.locator('.group-item', { hasText: 'launch' }).waitFor();
    await wb.shot('narrow-groups');
    await run.chat.locator('.group-item', { hasText: 'launch' }).click();
    await wb.resize(1120);
  });
}
