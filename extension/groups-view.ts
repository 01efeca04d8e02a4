// The TeamChat view in the activity bar: My Groups with unread counts, then "Direct messages"
// (each named by the other person); a click opens the chat. The badge shows the same count, in
// the same words, as the status bar (unread-count.ts). Signed out, it is empty and
// package.json's viewsWelcome offers Sign In / Sign Up.
import * as vscode from 'vscode';
import type { GroupSummaryView } from '../common/webview-protocol';
import { CommandId } from './commands/ids';
import { NOTIFY_LEVEL_NAMES } from './notification-settings';
import { unreadBadge, type UnreadCount } from './unread-count';

export const GROUPS_VIEW_ID = 'teamchat.groups';

/** The "Direct messages" heading: its children are the DMs. */
export const DM_SECTION = { kind: 'dm-section' } as const;
type Node = GroupSummaryView | typeof DM_SECTION;

export class GroupsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private groups: GroupSummaryView[] = [];
  private dms: GroupSummaryView[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;

  constructor() {
    this.view = vscode.window.createTreeView(GROUPS_VIEW_ID, { treeDataProvider: this, showCollapseAll: false });
  }

  update(groups: GroupSummaryView[], unread: UnreadCount): void {
    const sorted = [...groups].sort((a, b) => a.name.localeCompare(b.name));
    this.groups = sorted.filter((g) => !g.dm);
    this.dms = sorted.filter((g) => g.dm);
    this.view.badge = unreadBadge(unread);
    this.changed.fire();
  }

  getChildren(element?: Node): Node[] {
    if (element === DM_SECTION) return this.dms;
    if (element) return [];
    return this.dms.length ? [...this.groups, DM_SECTION] : this.groups;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node === DM_SECTION) {
      const section = new vscode.TreeItem('Direct messages', vscode.TreeItemCollapsibleState.Expanded);
      section.id = 'teamchat.dm-section';
      section.contextValue = 'dm-section';
      section.iconPath = new vscode.ThemeIcon('comment');
      return section;
    }
    const g = node as GroupSummaryView;
    const item = new vscode.TreeItem(g.name, vscode.TreeItemCollapsibleState.None);
    item.id = g.id;
    const muted = g.notify === 'muted';
    const rotation = g.needsRotation && !g.dm?.ended;
    // A description is drawn dimmed already; a muted group's count is there but not in the badge.
    item.description = [muted ? 'muted' : '', g.unread > 0 ? `${g.unread} unread` : '', rotation ? 'key rotation needed' : '', g.dm?.ended ? 'ended' : ''].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(rotation ? 'warning' : muted ? 'bell-slash' : g.dm ? 'person' : 'comment-discussion');
    item.contextValue = g.dm ? 'dm' : g.isAdmin ? 'group-admin' : 'group';
    item.tooltip = g.dm
      ? `Direct message with ${g.dm.with}${g.dm.ended ? ' (ended: one of you left)' : ''}. Notifications: ${NOTIFY_LEVEL_NAMES[g.notify]}.`
      : `${g.name}: ${g.memberCount} member${g.memberCount === 1 ? '' : 's'}${g.isAdmin ? ', you are an admin' : ''}. Notifications: ${NOTIFY_LEVEL_NAMES[g.notify]}.`;
    item.command = { command: CommandId.openChat, title: 'Open Chat', arguments: [{ groupId: g.id }] };
    return item;
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
