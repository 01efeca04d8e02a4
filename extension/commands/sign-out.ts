// Sign Out: revokes the refresh token on the server and forgets every key and token here.
import * as vscode from 'vscode';
import type { TeamChatCommand } from './command';

export const signOut: TeamChatCommand = {
  name: 'signOut',
  async run(app) {
    await app.accounts.signOut();
    void vscode.window.showInformationMessage('Signed out of TeamChat. Your keys and tokens are gone from this device.');
  },
};
