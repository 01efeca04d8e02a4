// A direct message (issue 16): alice opens one with bob from the palette (TeamChat: Message
// Member…, bob picked from the people she shares a group with), sends, and sees bob's reply; bob,
// on the client core, has it as a verified DM with alice. Then "Message" beside bob in the
// group's member list brings her back to the same conversation, listed under Direct messages.
import * as assert from 'node:assert/strict';
import { eventually } from '../support/team';
import { typeInComposer, type UxRun } from '../support/ux-run';

export function directMessageSteps(run: UxRun): void {
  const { team, wb } = run;

  it('messages bob from the palette: a DM named by him, apart from groups; he gets it as a DM and his reply shows', async () => {
    const bob = team.bob.username;
    await wb.command('TeamChat: Message Member…');
    await wb.pick('TeamChat: Message Member', bob);
    await run.chat.locator('.chat-title', { hasText: bob }).waitFor();
    await run.chat.locator('.chat-topic', { hasText: 'Direct message' }).waitFor();
    const dmId = await eventually('the DM to be listed apart', async () => {
      const ids = (await run.chat.evaluate("[...document.querySelectorAll('.dm-list .group-item')].map((b) => b.dataset.groupId)")) as string[];
      return ids.length === 1 ? ids[0] : undefined;
    });
    assert.notEqual(dmId, run.groupId);

    await typeInComposer(run, 'hi bob, just between us');
    await wb.page.keyboard.press('Enter');
    const got = await eventually('bob to get it', async () => team.inbox.find((m) => m.groupId === dmId && m.body === 'hi bob, just between us'));
    assert.equal(got.status, 'ok');
    const asBob = await team.bob.group(`@${team.alice}`);
    assert.equal(asBob.id, dmId);
    assert.deepEqual(asBob.dm, { with: team.alice, ended: false });
    assert.equal(asBob.verification.state, 'verified');

    await team.say(dmId, 'got it, alice');
    await run.chat.locator('.message-log .message', { hasText: 'got it, alice' }).waitFor();
    await wb.shot('direct-message');
    run.figures.directMessage = dmId;
  });

  it('"Message" beside bob in the group\'s member list opens the same conversation', async () => {
    const bob = team.bob.username;
    const back = run.chat.locator('.back-to-groups');
    if (await back.isVisible()) await back.click();
    await run.chat.locator(`.group-item[data-group-id="${run.groupId}"]`).click();
    await run.chat.locator('.chat-title', { hasText: /launch/ }).waitFor();
    if (!(await run.chat.locator('.members-toggle[aria-expanded="true"]').isVisible())) await run.chat.locator('.members-toggle').click();
    await run.chat.locator(`.member[data-username="${bob}"] .message-member`).click();
    await run.chat.locator('.chat-title', { hasText: bob }).waitFor();
    await run.chat.locator('.message-log .message', { hasText: 'got it, alice' }).waitFor();
    assert.equal(await run.chat.locator('.dm-list .group-item').count(), 1, 'still one DM with bob');
    await wb.shot('direct-message-from-members');
  });
}
