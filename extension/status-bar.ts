// The status bar item: connection state and the total of unread messages; a click opens the chat.
import * as vscode from 'vscode';
import type { ConnectionState } from '../common/webview-protocol';
import { CommandId } from './commands/ids';

const ICON: Record<ConnectionState, string> = {
  'signed-out': '$(comment-discussion)',
  locked: '$(lock)',
  connecting: '$(sync~spin)',
  online: '$(comment-discussion)',
  offline: '$(debug-disconnect)',
};

const WORDS: Record<ConnectionState, string> = {
  'signed-out': 'signed out',
  locked: 'locked',
  connecting: 'connecting',
  online: 'online',
  offline: 'offline, reconnecting',
};

export function statusBarText(state: ConnectionState, unread: number): { text: string; tooltip: string } {
  const count = unread > 0 ? ` ${unread > 99 ? '99+' : unread}` : '';
  return {
    text: `${ICON[state]} TeamChat${count}`,
    tooltip: `TeamChat: ${WORDS[state]}${unread > 0 ? `, ${unread} unread` : ''}. ${state === 'locked' ? 'Click to unlock.' : 'Click to open the chat.'}`,
  };
}

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('teamchat.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'TeamChat';
    this.item.command = CommandId.openChat;
    this.update('signed-out', 0);
    this.item.show();
  }

  /** What the item shows now (the integration suite reads it). */
  get text(): string {
    return this.item.text;
  }

  update(state: ConnectionState, unread: number): void {
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
