// Search (issue 16): with the chat panel focused, Ctrl+F opens its search bar; a word a
// teammate wrote a while back is typed, the result shows group, sender and time with the word
// marked, and Enter opens the chat at that message, highlighted. Everything is found on this
// device: the server is not asked.
import * as assert from 'node:assert/strict';
import type { UxRun } from '../support/ux-run';

export function searchSteps(run: UxRun): void {
  const { team, wb } = run;

  it('Ctrl+F in the panel searches every group: typing a word lists it marked, and Enter jumps to the message', async () => {
    await team.say(run.groupId, 'The quokka migration finished at noon, all green');
    const said = run.chat.locator('.message-log .message', { hasText: 'quokka migration' });
    await said.waitFor();
    const msgId = await said.getAttribute('data-msg-id');
    for (let i = 1; i <= 12; i++) await team.say(run.groupId, `status update ${i}: nothing to report`);
    await run.chat.locator('.message-log .message', { hasText: 'status update 12' }).waitFor();
    await run.chat.locator('.history').click();
    await wb.page.keyboard.press('Control+f');
    const box = run.chat.locator('.search-bar .search-input');
    await box.waitFor({ state: 'visible' });
    assert.equal(await run.chat.evaluate("document.activeElement?.classList.contains('search-input') === true"), true, 'the cursor is in the search box');
    await wb.page.keyboard.type('quokka');
    const hit = run.chat.locator('.search-result', { hasText: 'quokka' }).first();
    await hit.waitFor();
    assert.equal(await hit.locator('mark').first().textContent(), 'quokka');
    assert.equal(await hit.locator('.search-result-sender').textContent(), team.bob.username);
    assert.equal(await hit.getAttribute('data-msg-id'), msgId);
    await wb.shot('search-results');
    await wb.page.keyboard.press('Enter');
    await run.chat.locator(`.message.flash[data-msg-id="${msgId}"]`).waitFor();
    assert.equal(await run.chat.locator('.search-bar').isHidden(), true, 'the bar closed');
    await wb.shot('search-jumped-to-message');
  });
}
