// Every command, registered from this one list.
import * as vscode from 'vscode';
import type { TeamChatApp } from '../teamchat-app';
import type { TeamChatCommand } from './command';
import { CommandId } from './ids';
import { openChat } from './open-chat';

export const COMMANDS: readonly TeamChatCommand[] = [openChat];

export function registerCommands(app: TeamChatApp): vscode.Disposable[] {
  return COMMANDS.map((c) => vscode.commands.registerCommand(CommandId[c.name], (...args: unknown[]) => c.run(app, ...args)));
}
