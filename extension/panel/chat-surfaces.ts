// The chat's two places over one session: the editor tab and the side view. Both may be open at
// once; each has its own bridge, and both hear every event of the session, so both stay live.
// A command that opens the chat without naming a place opens it where the user reads it.
import * as vscode from 'vscode';
import type { ChatService } from '../chat-service';
import { CHAT_VIEW_TYPE, ChatPanel } from './chat-panel';
import { ChatSideView } from './chat-side-view';
import type { ChatWebview, ChatWebviewHost } from './chat-webview';
import type { ChatSurfaceKind } from './webview-html';

export class ChatSurfaces implements vscode.Disposable {
  readonly tab: ChatPanel;
  readonly view: ChatSideView;

  constructor(extensionUri: vscode.Uri, host: ChatWebviewHost) {
    this.tab = new ChatPanel(extensionUri, host);
    this.view = new ChatSideView(extensionUri, host);
  }

  /** The tab's serializer (it comes back after a reload) and the view's provider. */
  register(): vscode.Disposable[] {
    return [vscode.window.registerWebviewPanelSerializer(CHAT_VIEW_TYPE, this.tab.serializer()), this.view.register()];
  }

  /** A chat in view (tab or side view) shows this group: what arrives there is seen, not notified. */
  isShowing(groupId: string): boolean {
    return this.chats().some((c) => c.visible && c.bridge.openGroupId === groupId);
  }

  /** The group the chat in front shows (the tab before the view), if any. */
  shownGroupId(): string | undefined {
    return this.chats().find((c) => c.visible && c.bridge.openGroupId)?.bridge.openGroupId ?? this.chats().find((c) => c.bridge.openGroupId)?.bridge.openGroupId;
  }

  setSession(session: ChatService | undefined): void {
    for (const c of this.chats()) c.bridge.setSession(session);
  }

  /**
   * Shows the chat in the place asked for; else where it is in view, else where it is open,
   * else in the tab. With a group (and a message), that place opens it (and scrolls to it).
   */
  async show(where?: ChatSurfaceKind, focus?: { groupId: string; msgId?: string }): Promise<void> {
    const place = where ?? this.placeInUse();
    if (place === 'view') await this.view.show();
    else await this.tab.show();
    if (focus) this.chatIn(place).bridge.focusGroup(focus.groupId, focus.msgId);
  }

  dispose(): void {
    this.tab.dispose();
    this.view.dispose();
  }

  private placeInUse(): ChatSurfaceKind {
    if (this.tab.visible) return 'tab';
    if (this.view.visible) return 'view';
    if (this.tab.chat.isOpen || !this.view.chat.isOpen) return 'tab';
    return 'view';
  }

  private chatIn(place: ChatSurfaceKind): ChatWebview {
    return place === 'view' ? this.view.chat : this.tab.chat;
  }

  private chats(): ChatWebview[] {
    return [this.tab.chat, this.view.chat];
  }
}
