// What the editor tab and the side view share: one webview showing the chat, with its own
// bridge (each webview says ready, is visible and is focused on its own) over the one session.
// Scripts and styles come only from dist/webview (localResourceRoots); the page has a fresh
// nonce each time it is built into a webview.
import * as vscode from 'vscode';
import type { CodeLinkTarget } from '../../common/code/code-links';
import type { MessageRef } from '../message-links';
import { PanelBridge, type PanelHost, type SnippetTarget } from './panel-bridge';
import { renderWebviewHtml, type ChatSurfaceKind } from './webview-html';

/** What every chat webview asks of the extension; which column a snippet opens in is the surface's. */
export interface ChatWebviewHost extends Omit<PanelHost, 'post' | 'openSnippet' | 'openCodeLink'> {
  openSnippet(target: SnippetTarget, column: vscode.ViewColumn): void;
  openCodeLink?(target: CodeLinkTarget, column: vscode.ViewColumn): void;
}

export class ChatWebview implements vscode.Disposable {
  readonly bridge: PanelBridge;
  private webview: vscode.Webview | undefined;
  private listening: vscode.Disposable | undefined;
  private shown = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly kind: ChatSurfaceKind,
    host: ChatWebviewHost,
    snippetColumn: () => vscode.ViewColumn,
  ) {
    this.bridge = new PanelBridge({
      post: (message) => this.post(message),
      openSnippet: (target) => host.openSnippet(target, snippetColumn()),
      openCodeLink: (target) => host.openCodeLink?.(target, snippetColumn()),
      runAction: (action, args) => host.runAction(action, args),
      copyMessageLink: (ref: MessageRef) => host.copyMessageLink(ref),
      sessionWithoutChat: () => host.sessionWithoutChat(),
      warn: (line) => host.warn(line),
      groupOpened: (groupId) => host.groupOpened?.(groupId),
    });
  }

  /** A webview of the chat is there (it may be hidden behind something else). */
  get isOpen(): boolean {
    return this.webview !== undefined;
  }

  /** Visible to the user right now. */
  get visible(): boolean {
    return this.shown;
  }

  options(): vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [this.root()] };
  }

  /** Builds the page into a webview VS Code gave us (new, restored after a reload, or re-resolved). */
  attach(webview: vscode.Webview, visible: boolean): void {
    this.listening?.dispose();
    webview.options = this.options();
    this.bridge.webviewReset();
    webview.html = renderWebviewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.root(), 'main.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.root(), 'styles.css')).toString(),
      surface: this.kind,
    });
    this.listening = webview.onDidReceiveMessage((msg) => void this.bridge.receive(msg));
    this.webview = webview;
    this.setVisible(visible);
  }

  /** The webview is gone (closed, or disposed by VS Code): the next one starts over with its ready. */
  detach(): void {
    this.listening?.dispose();
    this.listening = undefined;
    this.webview = undefined;
    this.bridge.webviewReset();
    this.setVisible(false);
  }

  setVisible(visible: boolean): void {
    this.shown = visible;
    this.bridge.visibilityChanged(visible);
  }

  post(message: unknown): void {
    void this.webview?.postMessage(message);
  }

  dispose(): void {
    this.listening?.dispose();
    this.bridge.dispose();
  }

  private root(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
  }
}
