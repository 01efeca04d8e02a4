// Lock: forgets the keys in memory and any remembered on this device, and revokes the session on
// the server; the passphrase unlocks again.
import * as vscode from 'vscode';
import type { TeamChatCommand } from './command';
import { CommandId } from './ids';

export const lock: TeamChatCommand = {
  name: 'lock',
  async run(app) {
    await app.accounts.lock();
    void vscode.window.showInformationMessage('TeamChat is locked: your keys are gone from memory and this device. Your passphrase unlocks it.', 'Unlock').then((choice) => {
      if (choice) void vscode.commands.executeCommand(CommandId.unlock);
    });
  },
};
