// The chat webview panel: one at a time, revealed when it exists. Scripts and styles come only
// from dist/webview (localResourceRoots), the page has a fresh nonce each time it is built.
// After a reload VS Code hands back the panel it had (the serializer): the page is built into it
// afresh and restores its open group, draft and scroll from its own saved state.
import * as vscode from 'vscode';
import type { PanelBridge } from './panel-bridge';
import { renderWebviewHtml } from './webview-html';

export const CHAT_VIEW_TYPE = 'teamchat.chat';

export class ChatPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly visibility = new vscode.EventEmitter<boolean>();
  readonly onDidChangeVisibility = this.visibility.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly bridge: PanelBridge,
  ) {}

  /** Visible to the user right now (open and its tab in front). */
  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  /** The editor column to open a shared file in, so the chat stays in view beside it. */
  get columnBeside(): vscode.ViewColumn {
    return this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      return;
    }
    this.attach(vscode.window.createWebviewPanel(CHAT_VIEW_TYPE, 'TeamChat', vscode.ViewColumn.Beside, { ...this.webviewOptions(), retainContextWhenHidden: true }));
  }

  /** The serializer for CHAT_VIEW_TYPE: a panel VS Code kept over a reload comes back to this extension. */
  serializer(): vscode.WebviewPanelSerializer {
    return {
      deserializeWebviewPanel: async (panel) => {
        // One panel at a time: a second one restored (two windows' state) is closed.
        if (this.panel) panel.dispose();
        else this.attach(panel);
      },
    };
  }

  private webviewOptions(): vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    panel.webview.options = this.webviewOptions();
    this.bridge.webviewReset();
    panel.webview.html = renderWebviewHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'styles.css')).toString(),
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((msg) => void this.bridge.receive(msg)),
      panel.onDidChangeViewState(() => this.visibility.fire(panel.visible)),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.bridge.webviewReset();
        this.visibility.fire(false);
      }),
    );
    this.panel = panel;
    this.visibility.fire(true);
  }

  post(message: unknown): void {
    void this.panel?.webview.postMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
    this.visibility.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
