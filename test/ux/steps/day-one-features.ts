// The day-one features a Slack user reaches for, each done as a person does it in the real
// VS Code and each with a screenshot: @ completes a member, the emoji picker puts an emoji in a
// message and a reaction on one, a teammate's markdown (strike, lists, quotes, code with Copy,
// a long paste folded), a group topic and a rename from the group menu (bob sees them,
// verified), per-group notifications (muted in the list), a message link copied from a message
// and opened from the palette, the chat as a view beside the code, and a closed chat opened
// again at its group.
import * as assert from 'node:assert/strict';
import { eventually } from '../support/team';
import { composer, messagesShown, typeInComposer, type UxRun } from '../support/ux-run';

export function dayOneFeatureSteps(run: UxRun): void {
  const { team, wb } = run;
  const groupMenu = async (item: string) => {
    await run.chat.locator('.overflow-trigger').click();
    await run.chat.locator('.overflow-menu [role="menuitem"]', { hasText: item }).click();
  };

  it('completes @ to a member of the group, and Enter picks it without sending', async () => {
    await typeInComposer(run, '@bo');
    const option = run.chat.locator('[role="listbox"] [role="option"]', { hasText: team.bob.username });
    await option.waitFor();
    await wb.shot('mention-completion');
    await wb.page.keyboard.press('Enter');
    assert.equal(await composer(run).inputValue(), `@${team.bob.username} `, 'the name went in, nothing was sent');
    await wb.page.keyboard.type('can you look at retry.ts?\n');
    const body = `@${team.bob.username} can you look at retry.ts?`;
    const got = await eventually('bob to get the mention', () => team.inbox.find((m) => m.body === body));
    assert.equal(got.sender, team.alice);
  });

  it('puts an emoji from the picker into a message, and a reaction on one', async () => {
    await run.chat.locator('.emoji-button').click();
    await run.chat.locator('.emoji-picker .emoji-search').fill('rocket');
    await wb.shot('emoji-picker');
    await wb.page.keyboard.press('Enter');
    await eventually('the emoji in the composer', async () => (await composer(run).inputValue()).includes('🚀'));
    await composer(run).press('End');
    await wb.page.keyboard.type(' shipping today\n');
    await eventually('bob to get it', () => team.inbox.some((m) => m.body?.includes('🚀') && m.body.endsWith('shipping today')));
    await team.say(run.groupId, 'nice work');
    const fromBob = run.chat.locator('.message-log .message', { hasText: 'nice work' });
    await fromBob.hover();
    await fromBob.locator('.react-more').click();
    await run.chat.locator('.emoji-picker .emoji-search').fill('tada');
    await wb.page.keyboard.press('Enter');
    await fromBob.locator('.reaction', { hasText: '🎉' }).waitFor();
    const said = (await team.bob.history(run.groupId)).find((m) => m.body === 'nice work');
    await eventually('bob to see the reaction', async () => ((await team.bob.history(run.groupId)).find((m) => m.msgId === said?.msgId)?.reactions?.['🎉'] ?? []).includes(team.alice));
    await wb.shot('reaction-added');
  });

  it("shows a teammate's markdown as such: strike, a list, a quote, code with Copy, and a long paste folded with Show all", async () => {
    const code = 'export const retries = 3;\nexport const backoffMs = 250;';
    const long = Array.from({ length: 60 }, (_, i) => `line ${i + 1}`).join('\n');
    await team.say(run.groupId, ['Plan for the release:', '- ~~Friday~~ Thursday', '- tag after CI', '> QA signed off', '```ts', code, '```'].join('\n'));
    const planned = run.chat.locator('.message-log .message', { hasText: 'Plan for the release' });
    await planned.waitFor();
    assert.equal(await planned.locator('.body s').textContent(), 'Friday');
    assert.equal(await planned.locator('.body ul li').count(), 2);
    assert.equal(await planned.locator('.body blockquote').textContent(), 'QA signed off');
    await planned.scrollIntoViewIfNeeded();
    await planned.locator('.copy-code').click();
    await eventually('the code on the clipboard', async () => ((await wb.page.evaluate('navigator.clipboard.readText()').catch(() => '')) as string) === code);
    await wb.shot('markdown-and-copy');
    await team.say(run.groupId, ['```', long, '```'].join('\n'));
    const pasted = run.chat.locator('.message-log .message', { hasText: 'line 40' }).last();
    await pasted.locator('.show-all-code', { hasText: 'Show all 60 lines' }).waitFor();
    const codeShown = async () => (await pasted.locator('pre.code-block').first().textContent()) ?? '';
    assert.ok((await codeShown()).endsWith('line 40'), 'folded after 40 lines');
    await wb.shot('long-paste-folded');
    await pasted.locator('.show-all-code').click();
    await eventually('all 60 lines', async () => (await codeShown()).endsWith('line 60'));
  });

  it('sets a topic and renames the group from the group menu; bob sees both, verified', async () => {
    await groupMenu('Set topic…');
    await wb.answer('Topic of launch', 'Release 2.4 on Friday; freeze Thursday noon');
    await run.chat.locator('.chat-topic', { hasText: 'Release 2.4 on Friday' }).waitFor();
    await groupMenu('Rename group…');
    await wb.answer('Rename launch', 'launch-2-4');
    await run.chat.locator('.chat-title', { hasText: 'launch-2-4' }).waitFor();
    const seen = await eventually('bob to see the new name and topic', async () => (await team.bob.refreshGroups()).find((g) => g.id === run.groupId && g.name === 'launch-2-4' && g.topic.startsWith('Release 2.4')));
    assert.equal(seen.verification.state, 'verified');
    await wb.shot('topic-and-rename');
  });

  it('mutes the group from its menu: the list says muted', async () => {
    await groupMenu('Notifications…');
    await wb.pick('Notifications for launch-2-4', 'Muted');
    if (await run.chat.locator('.back-to-groups').isVisible()) await run.chat.locator('.back-to-groups').click();
    await run.chat.locator('.group-item .mark-muted').waitFor();
    await wb.shot('group-muted');
    await run.chat.locator('.group-item', { hasText: 'launch-2-4' }).click();
    await groupMenu('Notifications…');
    await wb.pick('Notifications for launch-2-4', 'All messages');
  });

  it('copies a link to a message and opens it from the palette: the message is shown, highlighted', async () => {
    const target = run.chat.locator('.message-log .message', { hasText: 'nice work' }).first();
    const msgId = await target.getAttribute('data-msg-id');
    await target.scrollIntoViewIfNeeded();
    await target.hover();
    await target.locator('.copy-link').click();
    const link = await eventually('the link on the clipboard', async () => {
      const text = (await wb.page.evaluate('navigator.clipboard.readText()').catch(() => '')) as string;
      return text.includes(msgId ?? '-') ? text : undefined;
    });
    assert.match(link, /^vscode:\/\/teamchat\.teamchat\/message\?group=[0-9a-f-]+&msg=[0-9a-f]+$/, 'ids only, no text');
    await run.chat.evaluate("document.querySelector('.history').scrollTo({ top: document.querySelector('.history').scrollHeight })");
    await wb.command('TeamChat: Open Message Link…');
    await wb.answer('TeamChat: Open Message Link', link);
    await run.chat.locator(`.message.flash[data-msg-id="${msgId}"]`).waitFor();
    await wb.shot('message-link-opened');
  });

  it('opens the chat as a view beside the code, live as the tab is', async () => {
    await wb.command('TeamChat: Open Chat in Side View');
    const view = await wb.chat(30_000, 'view');
    await view.locator('.group-item', { hasText: 'launch-2-4' }).click();
    await view.locator('.chat-title', { hasText: 'launch-2-4' }).waitFor();
    await team.say(run.groupId, 'seen in the side view too');
    await view.locator('.message-log .message', { hasText: 'seen in the side view too' }).waitFor();
    assert.ok((await messagesShown(run)).includes('seen in the side view too'), 'and in the tab');
    await wb.shot('side-view');
    await wb.command('View: Hide Panel');
  });

  it('closed and opened again, the chat comes back at the group it showed', async () => {
    await wb.page.locator('.tab', { hasText: 'TeamChat' }).click();
    await wb.page.locator('.tab.active', { hasText: 'TeamChat' }).waitFor();
    await wb.command('View: Close Editor');
    await eventually('the tab to close', async () => (await wb.page.locator('.tab', { hasText: 'TeamChat' }).count()) === 0);
    await wb.command('TeamChat: Open Chat');
    run.chat = await wb.chat();
    await run.chat.locator('.chat-title', { hasText: 'launch-2-4' }).waitFor();
    await wb.shot('reopened-at-group');
  });
}
