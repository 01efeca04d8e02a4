// Entry point: builds the TeamChat app, registers every command from one list, and restores
// the previous session in the background (locked unless the user chose "remember").
import * as vscode from 'vscode';
import { errorMessage } from '../common/error-message';
import { registerCommands } from './commands';
import { CHAT_VIEW_TYPE } from './panel/chat-panel';
import { TeamChatApp } from './teamchat-app';

export function activate(context: vscode.ExtensionContext): TeamChatApp {
  const app = new TeamChatApp(context);
  context.subscriptions.push(app, ...registerCommands(app), vscode.window.registerWebviewPanelSerializer(CHAT_VIEW_TYPE, app.panel.serializer()));
  void app.start().catch((error: unknown) => app.log.error(`Could not restore the TeamChat session: ${errorMessage(error)}`));
  return app;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
