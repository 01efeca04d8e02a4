// Lock: forgets the keys in memory and any remembered on this device, and revokes the session on
// the server; the passphrase unlocks again. The user asked for it, so it says so in passing (the
// status bar), not with a notification that would still say "locked" after Unlock: the panel,
// the side bar and the status bar item all show Locked with Unlock from here on.
import * as vscode from 'vscode';
import type { TeamChatCommand } from './command';

const SAID_FOR_MS = 6_000;

export const lock: TeamChatCommand = {
  name: 'lock',
  async run(app) {
    await app.accounts.lock();
    vscode.window.setStatusBarMessage('$(lock) TeamChat is locked: your keys are gone from memory and this device. Unlock asks for your passphrase.', SAID_FOR_MS);
  },
};
