// Entry point: builds the TeamChat app and registers every command from one list.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { TeamChatApp } from './teamchat-app';

export function activate(context: vscode.ExtensionContext): TeamChatApp {
  const app = new TeamChatApp(context);
  context.subscriptions.push(app, ...registerCommands(app));
  return app;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
