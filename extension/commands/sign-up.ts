// Sign Up: makes the account's keys on this device and registers only public keys and the sealed vault.
import * as vscode from 'vscode';
import type { TeamChatCommand } from './command';
import { signInFlow } from './sign-in-flow';

export const signUp: TeamChatCommand = {
  name: 'signUp',
  async run(app, args) {
    const session = await signInFlow(app, args, 'signUp');
    if (!session) return undefined;
    void vscode.window.showInformationMessage(`Welcome to TeamChat, ${session.username}. Create a group or ask a teammate to add you.`);
    return session.username;
  },
};
