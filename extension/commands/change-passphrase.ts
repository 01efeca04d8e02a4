// Change Passphrase: asks the current passphrase, then the new one twice; the client core
// re-seals the key vault and the server signs every other device out.
import * as vscode from 'vscode';
import { askPassphrase } from '../prompts';
import type { TeamChatCommand } from './command';
import * as notify from '../plain-notifications';

export const changePassphrase: TeamChatCommand = {
  name: 'changePassphrase',
  async run(app) {
    const session = app.accounts.requireSession();
    const current = await vscode.window.showInputBox({
      title: `Change the passphrase of ${session.username}`, prompt: 'Your current TeamChat passphrase', password: true, ignoreFocusOut: true,
    });
    if (current === undefined) return;
    const next = await askPassphrase(session.username, { newPassphrase: true });
    if (next === undefined) return;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Sealing your keys under the new passphrase…' },
      () => app.accounts.changePassphrase(current, next),
    );
    void notify.info('Your TeamChat passphrase is changed. Your other devices are signed out; sign in there with the new passphrase.');
  },
};
