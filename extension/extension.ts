// Entry point: builds the TeamChat app, registers every command from one list, the chat's tab
// (restored after a reload) and side view, and the handler for message links; then restores the
// previous session in the background (locked unless the user chose "remember").
import * as vscode from 'vscode';
import { INVITE_LINK_PATH } from '../client/admin/invite-link';
import { errorMessage } from '../common/error-message';
import { registerAskTheTeam } from './ask-the-team/ask-the-team-actions';
import { registerCommands } from './commands';
import { CommandId } from './commands/ids';
import { registerSnippetDocuments } from './code/snippet-difference';
import { TeamChatApp } from './teamchat-app';

export function activate(context: vscode.ExtensionContext): TeamChatApp {
  const app = new TeamChatApp(context);
  context.subscriptions.push(
    app,
    ...registerCommands(app),
    ...app.chat.register(),
    registerAskTheTeam(() => app.accounts.session !== undefined),
    registerSnippetDocuments(),
    // vscode://teamchat.teamchat/message?... and /invite?...: the command checks the link and says what is wrong with it.
    vscode.window.registerUriHandler({
      handleUri: (uri) => void vscode.commands.executeCommand(uri.path === INVITE_LINK_PATH ? CommandId.openInviteLink : CommandId.openMessageLink, uri),
    }),
  );
  void app.start().catch((error: unknown) => app.log.error(`Could not restore the TeamChat session: ${errorMessage(error)}`));
  void app.replaceStaleChat().catch((error: unknown) => app.log.error(`Could not replace a stale chat tab: ${errorMessage(error)}`));
  return app;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
