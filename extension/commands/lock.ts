// Lock: forgets the keys in memory and any remembered on this device, and revokes the session on
// the server; the passphrase unlocks again.
import * as vscode from 'vscode';
import type { TeamChatCommand } from './command';

export const lock: TeamChatCommand = {
  name: 'lock',
  async run(app) {
    await app.accounts.lock();
    void vscode.window.showInformationMessage('TeamChat is locked. Run "TeamChat: Sign In" to unlock it with your passphrase.');
  },
};
