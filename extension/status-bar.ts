// The status bar item: connection state and the unread count (status-bar-text.ts); a click opens the chat.
import * as vscode from 'vscode';
import type { ConnectionState } from '../common/webview-protocol';
import { CommandId } from './commands/ids';
import { statusBarText } from './status-bar-text';
import { NO_UNREAD, type UnreadCount } from './unread-count';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('teamchat.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'TeamChat';
    this.item.command = CommandId.openChat;
    this.update('signed-out', NO_UNREAD);
    this.item.show();
  }

  /** What the item shows now (the integration suite reads it). */
  get text(): string {
    return this.item.text;
  }

  update(state: ConnectionState, unread: UnreadCount): void {
    const { text, tooltip } = statusBarText(state, unread);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: tooltip };
    this.item.command = state === 'locked' ? CommandId.unlock : CommandId.openChat;
    this.item.backgroundColor = state === 'offline' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
