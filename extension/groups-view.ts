// The TeamChat view in the activity bar: My Groups with unread counts; a click opens the chat.
// The badge shows the same count, in the same words, as the status bar (unread-count.ts).
// Signed out, it is empty and package.json's viewsWelcome offers Sign In / Sign Up.
import * as vscode from 'vscode';
import type { GroupSummaryView } from '../common/webview-protocol';
import { CommandId } from './commands/ids';
import { NOTIFY_LEVEL_NAMES } from './notification-settings';
import { unreadBadge, type UnreadCount } from './unread-count';

export const GROUPS_VIEW_ID = 'teamchat.groups';

export class GroupsView implements vscode.TreeDataProvider<GroupSummaryView>, vscode.Disposable {
  private groups: GroupSummaryView[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<GroupSummaryView>;

  constructor() {
    this.view = vscode.window.createTreeView(GROUPS_VIEW_ID, { treeDataProvider: this, showCollapseAll: false });
  }

  update(groups: GroupSummaryView[], unread: UnreadCount): void {
    this.groups = [...groups].sort((a, b) => a.name.localeCompare(b.name));
    this.view.badge = unreadBadge(unread);
    this.changed.fire();
  }

  getChildren(element?: GroupSummaryView): GroupSummaryView[] {
    return element ? [] : this.groups;
  }

  getTreeItem(g: GroupSummaryView): vscode.TreeItem {
    const item = new vscode.TreeItem(g.name, vscode.TreeItemCollapsibleState.None);
    item.id = g.id;
    const muted = g.notify === 'muted';
    // A description is drawn dimmed already; a muted group's count is there but not in the badge.
    item.description = [muted ? 'muted' : '', g.unread > 0 ? `${g.unread} unread` : '', g.needsRotation ? 'key rotation needed' : ''].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(g.needsRotation ? 'warning' : muted ? 'bell-slash' : 'comment-discussion');
    item.contextValue = g.isAdmin ? 'group-admin' : 'group';
    item.tooltip = `${g.name}: ${g.memberCount} member${g.memberCount === 1 ? '' : 's'}${g.isAdmin ? ', you are an admin' : ''}. Notifications: ${NOTIFY_LEVEL_NAMES[g.notify]}.`;
    item.command = { command: CommandId.openChat, title: 'Open Chat', arguments: [{ groupId: g.id }] };
    return item;
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
