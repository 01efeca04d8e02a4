// Threads (issue 16): bob asks something in the group; alice answers in a thread from the panel
// ("Reply in thread" on his message), bob answers her there, and her last reply goes "also to
// the group". Beside an editor the panel is narrow, so the thread opens in the chat's place;
// Escape gives the chat back, where the question shows "3 replies".
import * as assert from 'node:assert/strict';
import { eventually } from '../support/team';
import type { UxRun } from '../support/ux-run';

export function threadSteps(run: UxRun): void {
  const { team, wb } = run;

  it('replies in a thread from the panel; bob answers there; "also send to the group" shows in the chat; the root counts the replies', async () => {
    const question = await team.bob.sendText(run.groupId, 'Who reviews the release notes?');
    const root = run.chat.locator(`.message-log .message[data-msg-id="${question.msgId}"]`);
    await root.waitFor();
    await root.scrollIntoViewIfNeeded();
    await root.hover();
    await root.locator('.reply-in-thread').click();
    const panel = run.chat.locator('.thread-panel:not([hidden])');
    await panel.waitFor();
    await panel.locator('.thread-root', { hasText: 'Who reviews the release notes?' }).waitFor();
    const box = run.chat.locator('#thread-send-box textarea');
    await box.focus();
    await wb.page.keyboard.type('I will, by noon');
    await wb.page.keyboard.press('Enter');
    await panel.locator('.thread-replies .message', { hasText: 'I will, by noon' }).waitFor();
    await eventually('bob to hold alice\'s reply', async () => team.bob.threads.replies(run.groupId, question.msgId).some((m) => m.body === 'I will, by noon'));
    await team.bob.threads.reply(run.groupId, question.msgId, 'Thanks! Ping me when done');
    await panel.locator('.thread-replies .message', { hasText: 'Ping me when done' }).waitFor();
    await panel.locator('.also-to-group').check();
    await box.focus();
    await wb.page.keyboard.type('Release notes reviewed');
    await wb.page.keyboard.press('Enter');
    await panel.locator('.thread-replies .message', { hasText: 'Release notes reviewed' }).waitFor();
    assert.ok(!(await run.chat.locator('.message-log .message', { hasText: 'I will, by noon' }).count()), 'a thread-only reply stays out of the chat');
    await wb.shot('thread-reply');

    await wb.page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    await run.chat.locator('.message-log .message', { hasText: 'Release notes reviewed' }).waitFor();
    const summary = root.locator('.thread-summary-text');
    await eventually('the root to count three replies', async () => /^3 replies · /.test((await summary.textContent()) ?? ''));
    await wb.shot('thread-summary');
  });
}
