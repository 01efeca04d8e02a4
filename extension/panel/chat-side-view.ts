// The chat as a view: "Chat" in the panel area, which the user can drag to the secondary side
// bar to keep it beside the code, as VS Code's own chat sits. VS Code builds it when it is first
// shown (resolveWebviewView) and keeps its page while hidden (retainContextWhenHidden), so a
// hidden view still takes in new messages and keeps its scroll; after a reload the page's own
// saved state (vscode.getState, which VS Code keeps for a view too) reopens its group.
import * as vscode from 'vscode';
import { ChatWebview, type ChatWebviewHost } from './chat-webview';

export const CHAT_SIDE_VIEW_ID = 'teamchat.chatView';

export class ChatSideView implements vscode.WebviewViewProvider, vscode.Disposable {
  readonly chat: ChatWebview;
  private view: vscode.WebviewView | undefined;

  constructor(extensionUri: vscode.Uri, host: ChatWebviewHost) {
    // Beside a view there is no column of its own: a shared file opens where the user was editing.
    this.chat = new ChatWebview(extensionUri, 'view', host, () => vscode.ViewColumn.Active);
  }

  get visible(): boolean {
    return this.chat.visible;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.chat.attach(view.webview, view.visible);
    const listeners = [
      view.onDidChangeVisibility(() => this.chat.setVisible(view.visible)),
      view.onDidDispose(() => {
        for (const l of listeners) l.dispose();
        if (this.view !== view) return;
        this.view = undefined;
        this.chat.detach();
      }),
    ];
  }

  /** Opens the view where it lives (panel or side bar) and puts focus in it; VS Code resolves it first if needed. */
  async show(): Promise<void> {
    await vscode.commands.executeCommand(`${CHAT_SIDE_VIEW_ID}.focus`);
  }

  register(): vscode.Disposable {
    return vscode.window.registerWebviewViewProvider(CHAT_SIDE_VIEW_ID, this, { webviewOptions: { retainContextWhenHidden: true } });
  }

  dispose(): void {
    this.chat.dispose();
  }
}
