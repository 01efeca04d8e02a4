// Recover Account (forgot passphrase): the recovery key opens the keys sealed under it, a new
// passphrase seals them again, and every other device is signed out. Someone without the key
// is told plainly, before anything else, that nothing can bring the history back.
import * as vscode from 'vscode';
import { askPassphrase, askRememberOnDevice, askUsername } from '../prompts';
import { NO_WAY_BACK, recoveryKeyProblem } from '../recovery-key-prompt';
import { reachableServer } from '../server-prompt';
import { readSettings, rememberServerUrl, rememberUsername } from '../settings';
import { normalizeServerUrl, WrongRecoveryKeyError } from '../../client';
import { argsOf, stringArg } from './command';
import type { TeamChatCommand } from './command';
import { CommandId } from './ids';
import * as notify from '../plain-notifications';

interface RecoverArgs {
  serverUrl: string;
  username: string;
}

const ENTER = 'Enter My Recovery Key';
const NONE = 'I Have No Recovery Key';

export const recoverAccount: TeamChatCommand = {
  name: 'recoverAccount',
  async run(app, rawArgs) {
    const args = argsOf<RecoverArgs>(rawArgs);
    const settings = readSettings();
    const given = stringArg(args.serverUrl);
    const server = given ? normalizeServerUrl(given) : await reachableServer(settings.serverUrl);
    if (!server) return undefined;
    const username = stringArg(args.username) ?? (await askUsername(settings.username, `TeamChat: Recover Account on ${new URL(server).host}`));
    if (!username) return undefined;
    const has = await vscode.window.showQuickPick([
      { label: ENTER, detail: 'The 56 letters and digits TeamChat showed you when you signed up or made one.' },
      { label: NONE },
    ], { title: `Forgot the passphrase of ${username}?`, ignoreFocusOut: true });
    if (!has) return undefined;
    if (has.label === NONE) {
      await vscode.window.showWarningMessage(NO_WAY_BACK, { modal: true, detail: 'TeamChat keeps no copy of your keys that the server or anyone else can open; that is what keeps your messages private.' });
      return undefined;
    }
    const recoveryKey = await vscode.window.showInputBox({
      title: `Recovery key for ${username}`, prompt: 'Dashes, spaces and case do not matter; a typo is caught before anything is sent.',
      password: true, ignoreFocusOut: true, validateInput: recoveryKeyProblem,
    });
    if (recoveryKey === undefined) return undefined;
    const passphrase = await askPassphrase(username, { newPassphrase: true });
    if (passphrase === undefined) return undefined;
    const remember = await askRememberOnDevice();
    if (remember === undefined) return undefined;
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Opening ${username}'s keys with the recovery key…` },
        () => app.accounts.recover({ server, username, passphrase, remember }, recoveryKey),
      );
    } catch (error) {
      if (!(error instanceof WrongRecoveryKeyError)) throw error;
      const again = 'Try Again';
      void notify.error(error.message, again).then((choice) => {
        if (choice === again) void vscode.commands.executeCommand(CommandId.recoverAccount, { serverUrl: server, username });
      });
      return undefined;
    }
    await rememberServerUrl(server);
    await rememberUsername(username);
    void notify.info(
      `Your new passphrase is set and you are signed in as ${username}; your other devices are signed out. Your recovery key still works: make a new one with "TeamChat: Create Recovery Key…" if anyone else may have seen it.`,
    );
    return username;
  },
};
