// Create Recovery Key: asks the current passphrase, seals the keys under a new recovery key
// (the one before stops working) and shows it once.
import * as vscode from 'vscode';
import { showNewRecoveryKey } from '../recovery-key-dialog';
import type { TeamChatCommand } from './command';

export const createRecoveryKey: TeamChatCommand = {
  name: 'createRecoveryKey',
  async run(app) {
    const session = app.accounts.requireSession();
    const status = await session.client.api.recoveryKeyStatus();
    if (status.exists) {
      const replace = 'Make a New One';
      const since = status.createdAt ? ` (made ${status.createdAt.slice(0, 10)})` : '';
      const detail = 'A new one replaces it: the one you have now stops working.';
      const choice = await vscode.window.showWarningMessage(`${session.username} has a recovery key${since}.`, { modal: true, detail }, replace);
      if (choice !== replace) return;
    }
    const current = await vscode.window.showInputBox({
      title: `Create a recovery key for ${session.username}`, prompt: 'Your current TeamChat passphrase', password: true, ignoreFocusOut: true,
    });
    if (current === undefined) return;
    const key = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Sealing your keys under a new recovery key…' },
      () => session.client.createRecoveryKey(current),
    );
    await showNewRecoveryKey(session.username, key);
  },
};
