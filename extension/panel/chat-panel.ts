// The chat as an editor tab: one at a time, revealed when it exists. After a reload VS Code
// hands back the tab it had (the serializer): the page is built into it afresh and restores its
// open group, draft and scroll from its own saved state.
import * as vscode from 'vscode';
import { ChatWebview, type ChatWebviewHost } from './chat-webview';
import { chatTabs, closeTabs } from './stale-chat-tabs';

export const CHAT_VIEW_TYPE = 'teamchat.chat';

export class ChatPanel implements vscode.Disposable {
  readonly chat: ChatWebview;
  private panel: vscode.WebviewPanel | undefined;

  constructor(extensionUri: vscode.Uri, host: ChatWebviewHost) {
    this.chat = new ChatWebview(extensionUri, 'tab', host, () => this.columnBeside);
  }

  /** Visible to the user right now (open and its tab in front). */
  get visible(): boolean {
    return this.chat.visible;
  }

  /** The editor column to open a shared file in, so the chat stays in view beside it. */
  get columnBeside(): vscode.ViewColumn {
    return this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  }

  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      return;
    }
    // A tab left by a host that crashed goes; the live one opens where it was.
    const column = await closeTabs(chatTabs(CHAT_VIEW_TYPE));
    if (this.panel) return;
    this.attach(vscode.window.createWebviewPanel(CHAT_VIEW_TYPE, 'TeamChat', column ?? vscode.ViewColumn.Beside, { ...this.chat.options(), retainContextWhenHidden: true }));
  }

  /**
   * At activation: a chat tab in view that no serializer took (it would have, for a tab in view
   * brought back with the window) was left by a host that crashed. True when it was replaced.
   */
  async replaceStaleTab(): Promise<boolean> {
    if (this.panel || !chatTabs(CHAT_VIEW_TYPE).some((t) => t.isActive)) return false;
    await this.show();
    return true;
  }

  /** The serializer for CHAT_VIEW_TYPE: a tab VS Code kept over a reload comes back to this extension. */
  serializer(): vscode.WebviewPanelSerializer {
    return {
      deserializeWebviewPanel: async (panel) => {
        // One tab at a time: a second one restored (two windows' state) is closed.
        if (this.panel) panel.dispose();
        else this.attach(panel);
      },
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.chat.attach(panel.webview, panel.visible);
    const listeners = [
      panel.onDidChangeViewState(() => this.chat.setVisible(panel.visible)),
      panel.onDidDispose(() => {
        for (const l of listeners) l.dispose();
        this.panel = undefined;
        this.chat.detach();
      }),
    ];
  }

  dispose(): void {
    this.panel?.dispose();
    this.chat.dispose();
  }
}
