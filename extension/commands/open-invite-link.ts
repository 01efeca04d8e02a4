// Open Invite Link: an invite link (vscode://teamchat.teamchat/invite?server=…&code=…, from VS
// Code's URI handler or pasted) opens Sign Up with the server and the code filled in. Another
// server than the configured one, or an account signed in now, is changed only if the user says so.
import * as vscode from 'vscode';
import { inviteFromParts, parseInviteLink, type InviteRef } from '../../client/admin/invite-link';
import { errorMessage } from '../../common/error-message';
import { inviteConfirmation } from '../invite-confirmation';
import { confirm } from '../prompts';
import { readSettings } from '../settings';
import { argsOf, type TeamChatCommand } from './command';
import { CommandId } from './ids';

export const openInviteLink: TeamChatCommand = {
  name: 'openInviteLink',
  async run(app, raw) {
    const invite = raw instanceof vscode.Uri ? inviteFromParts(raw) : await inviteFromText(raw);
    if (!invite) return undefined;
    const question = inviteConfirmation(invite, app.accounts.sessionView(), readSettings().serverUrl);
    if (question && !(await confirm(question.message, question.action))) return undefined;
    return vscode.commands.executeCommand(CommandId.signUp, { serverUrl: invite.server, code: invite.code });
  },
};

async function inviteFromText(raw: unknown): Promise<InviteRef | undefined> {
  const given = typeof raw === 'string' ? raw : argsOf<{ link: unknown }>(raw).link;
  const text = typeof given === 'string' ? given : await vscode.window.showInputBox({
    title: 'TeamChat: Open Invite Link',
    prompt: 'Paste the invite link you were sent',
    placeHolder: 'vscode://teamchat.teamchat/invite?server=…&code=…',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => {
      try {
        parseInviteLink(value);
        return undefined;
      } catch (error) {
        return errorMessage(error);
      }
    },
  });
  return text === undefined ? undefined : parseInviteLink(text);
}
