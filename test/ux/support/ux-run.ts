// What the steps of one UX run share: the team (server and bob), the workbench, the chat
// webview's frame once it is open, the group it made, and the figures it measured; and the
// few things every step reads off the panel.
import type { Frame } from 'playwright-core';
import { eventually, PASSPHRASE, type Team } from './team';
import type { Theme, Workbench } from './workbench';

export interface UxRun {
  theme: Theme;
  team: Team;
  wb: Workbench;
  /** Light: "ask for my passphrase each session", so a restart locks; dark: remembered, so it comes back by itself. */
  remember: boolean;
  chat: Frame;
  groupId: string;
  figures: Record<string, unknown>;
}

export const composer = (run: UxRun) => run.chat.locator('#send-box textarea');

/** The history's message bodies, in order (page code as text: this program has no DOM types). */
export const messagesShown = (run: UxRun) => run.chat.evaluate("[...document.querySelectorAll('.message-log .message .body')].map((b) => b.textContent ?? '')") as Promise<string[]>;

/** What the session bar says of the connection: Online, Locked, Reconnecting to VS Code…, … */
export const connection = (run: UxRun) => run.chat.locator('.session-bar .connection').textContent();

export async function unlockFromPanel(run: UxRun): Promise<void> {
  await run.chat.locator('.session-actions vscode-button', { hasText: 'Unlock' }).click();
  await run.wb.answer('Unlock TeamChat for', PASSPHRASE);
  await run.wb.pick('Stay unlocked?', run.remember ? 'Remember on this device' : 'Ask for my passphrase each session');
  await eventually('the panel to be online', async () => (await connection(run)) === 'Online');
}

/** Sign In from the panel: the server is known (and checked), the username filled in. */
export async function signInFromPanel(run: UxRun): Promise<void> {
  await run.chat.locator('.session-actions vscode-button', { hasText: 'Sign In' }).click();
  await run.wb.answer(`Sign In on ${new URL(run.team.server.url).host}`, run.team.alice);
  await run.wb.answer('Unlock TeamChat for', PASSPHRASE);
  await run.wb.pick('Stay unlocked?', run.remember ? 'Remember on this device' : 'Ask for my passphrase each session');
  await eventually('the panel to be online', async () => (await connection(run)) === 'Online', 60_000);
}

/** Types into the composer as a person does (Enter sends). */
export async function typeInComposer(run: UxRun, text: string): Promise<void> {
  await composer(run).focus();
  await run.wb.page.keyboard.type(text);
}
