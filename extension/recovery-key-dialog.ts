// VS Code's side of recovery-key-prompt.ts: modal warnings and the clipboard.
import * as vscode from 'vscode';
import type { TeamChatClient } from '../client';
import { showRecoveryKeyOnce, type RecoveryKeyUi } from './recovery-key-prompt';
import * as notify from './plain-notifications';

const ui: RecoveryKeyUi = {
  modal: async (message, detail, ...buttons) => vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons),
  copy: async (text) => vscode.env.clipboard.writeText(text),
};

/** Shows a new recovery key once (see showRecoveryKeyOnce); `undefined`: none could be made, which is said plainly. */
export async function showNewRecoveryKey(username: string, key: string | undefined): Promise<void> {
  if (key) {
    await showRecoveryKeyOnce(ui, username, key);
    return;
  }
  const make = 'Create Recovery Key…';
  const choice = await notify.warn(
    'No recovery key could be made just now. Without one, a forgotten passphrase loses your messages; make one with "TeamChat: Create Recovery Key…".', make,
  );
  if (choice === make) await vscode.commands.executeCommand('teamchat.createRecoveryKey');
}

/** After a sign-in: an account without a recovery key (e.g. one made before they existed) is told what that means. */
export async function warnIfNoRecoveryKey(client: TeamChatClient): Promise<void> {
  const status = await client.api.recoveryKeyStatus().catch(() => undefined);
  if (status?.exists !== false) return;
  const make = 'Create Recovery Key…';
  const choice = await notify.warn(`${client.username} has no recovery key: if you forget your passphrase, your messages cannot be recovered.`, make);
  if (choice === make) await vscode.commands.executeCommand('teamchat.createRecoveryKey');
}
