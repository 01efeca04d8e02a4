// Discussions on lines of code, in the editor (docs/code-aware-chat.md): every snippet shared
// in the user's groups becomes a comment thread on those lines, through VS Code's Comments API,
// when the workspace has the file (in the gutter, inline, and in the Comments panel). Its first
// comment is the snippet's comment by its sender, then the chat thread's replies in order; a
// reply written here goes to the chat thread, and resolve / reopen is the signed change the chat
// shows too. Every author name is the client core's verified sender; every body is a plain
// string (VS Code shows it as text: member text never becomes markdown, HTML or a command link).
// Bounded: the newest MAX_PER_GROUP snippets of each group, the newest MAX_REPLIES replies each.
import * as vscode from 'vscode';
import type { ChatMessage, TeamChatClient } from '../../client';
import { errorMessage } from '../../common/error-message';
import type { SnippetLocator } from './followed-place';

/** Snippets per group that get a thread: the newest ones. */
export const MAX_PER_GROUP = 50;
/** Replies shown in a thread (the newest); the chat has them all. */
export const MAX_REPLIES = 100;

export const CONTROLLER_ID = 'teamchat';
/** contextValue of a thread, for the Resolve / Reopen commands in package.json's menus. */
export const RESOLVED_CONTEXT = 'teamchat-discussion-resolved';
export const UNRESOLVED_CONTEXT = 'teamchat-discussion-unresolved';

export interface DiscussionRef {
  groupId: string;
  rootMsgId: string;
}

interface Discussion extends DiscussionRef {
  /** The root as the group timeline holds it (edits, deletes and resolves fold into this object). */
  root: ChatMessage;
  thread?: vscode.CommentThread;
  /** Placement runs in order: only the latest one's answer is used. */
  placing: number;
  /** The resolved state the thread was last shown with, to fold it when it changes only. */
  shownResolved?: boolean;
}

/** A top-level snippet, verified and not deleted: what gets a thread. */
function isDiscussionRoot(m: ChatMessage): boolean {
  return m.status === 'ok' && m.kind === 'snippet' && m.snippet !== undefined && m.threadRoot === undefined && !m.deleted;
}

function keyOf(groupId: string, msgId: string): string {
  return `${groupId}/${msgId}`;
}

function commentOf(m: ChatMessage, fallback: string): vscode.Comment {
  let body: string;
  if (m.status !== 'ok') body = `[not shown: ${m.problem ?? 'it could not be verified'}]`;
  else if (m.deleted) body = '[deleted]';
  else body = m.body || fallback;
  return {
    body,
    mode: vscode.CommentMode.Preview,
    author: { name: m.sender },
    timestamp: new Date(m.sentAt ?? m.createdAt),
    ...(m.editedAt ? { label: 'edited' } : {}),
  };
}

export class DiscussionComments implements vscode.Disposable {
  readonly controller: vscode.CommentController;
  private client: TeamChatClient | undefined;
  private readonly byKey = new Map<string, Discussion>();
  private readonly byThread = new Map<vscode.CommentThread, Discussion>();
  /** Discussions the user just started here: their threads open once shown. */
  private readonly toExpand = new Set<string>();
  private offs: (() => void)[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly locate: SnippetLocator, private readonly warn: (line: string) => void) {
    this.controller = vscode.comments.createCommentController(CONTROLLER_ID, 'TeamChat');
    this.controller.options = { prompt: 'Start a TeamChat discussion on these lines…', placeHolder: 'Write to the group (a new discussion asks which group)' };
    this.controller.commentingRangeProvider = {
      provideCommentingRanges: (document) =>
        this.client && vscode.workspace.getWorkspaceFolder(document.uri) ? [new vscode.Range(0, 0, Math.max(0, document.lineCount - 1), 0)] : [],
    };
    this.disposables.push(
      this.controller,
      // A file opened later (or a locator that reads the text) may place a thread better now.
      vscode.workspace.onDidOpenTextDocument((document) => {
        this.loadGroups();
        this.placeAgain((d) => d.thread === undefined || d.thread.uri.toString() === document.uri.toString());
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.placeAgain(() => true)),
    );
  }

  /** The signed-in client, or undefined once signed out or locked: every thread goes with it. */
  setClient(client: TeamChatClient | undefined): void {
    for (const off of this.offs) off();
    this.offs = [];
    for (const d of this.byKey.values()) d.thread?.dispose();
    this.byKey.clear();
    this.byThread.clear();
    this.toExpand.clear();
    this.client = client;
    if (!client) return;
    this.offs.push(
      client.on('message', (m) => this.arrived(m)),
      client.on('message-updated', (m) => this.arrived(m)),
      client.on('groups-changed', () => this.loadGroups()),
    );
    this.loadGroups();
  }

  /** The discussion a comment thread shows, if it is one of ours. */
  discussionOf(thread: vscode.CommentThread): DiscussionRef | undefined {
    const d = this.byThread.get(thread);
    return d ? { groupId: d.groupId, rootMsgId: d.rootMsgId } : undefined;
  }

  /** The thread shown for a discussion (undefined while it is not placed in this workspace). */
  threadOf(groupId: string, msgId: string): vscode.CommentThread | undefined {
    return this.byKey.get(keyOf(groupId, msgId))?.thread;
  }

  /** Opens a discussion's thread in the editor, now or once it is placed (one the user started here). */
  expand(groupId: string, msgId: string): void {
    const thread = this.threadOf(groupId, msgId);
    if (thread) thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    else this.toExpand.add(keyOf(groupId, msgId));
  }

  /** Shows a root as it now stands (after a resolve this client sent, before its event). */
  refresh(root: ChatMessage): void {
    this.arrived(root);
  }

  dispose(): void {
    this.setClient(undefined);
    for (const d of this.disposables) d.dispose();
  }

  /**
   * Gives threads to the newest snippets of the history the client holds (what the chat has
   * loaded; history pages are not announced, so this runs again when a file opens), and drops
   * those of groups the user left. It reads nothing from the server itself.
   */
  private loadGroups(): void {
    const client = this.client;
    if (!client) return;
    const groups = client.groups();
    const ids = new Set(groups.map((g) => g.id));
    for (const d of [...this.byKey.values()]) if (!ids.has(d.groupId)) this.remove(d);
    for (const group of groups) {
      const held = client.messages(group.id).filter(isDiscussionRoot).slice(-MAX_PER_GROUP);
      for (const m of held) this.upsert(m);
    }
  }

  private arrived(m: ChatMessage): void {
    const held = this.byKey.get(keyOf(m.groupId, m.msgId));
    if (held) {
      held.root = m;
      if (isDiscussionRoot(m)) this.render(held);
      else this.remove(held);
      return;
    }
    if (isDiscussionRoot(m)) {
      this.upsert(m);
      return;
    }
    if (m.status === 'ok' && m.threadRoot !== undefined) {
      const d = this.byKey.get(keyOf(m.groupId, m.threadRoot));
      if (d) this.render(d);
    }
  }

  private upsert(root: ChatMessage): void {
    const key = keyOf(root.groupId, root.msgId);
    if (this.byKey.has(key)) return;
    const d: Discussion = { groupId: root.groupId, rootMsgId: root.msgId, root, placing: 0 };
    this.byKey.set(key, d);
    this.trim(root.groupId);
    if (this.byKey.get(key) === d) void this.place(d);
  }

  /** Keeps the newest MAX_PER_GROUP of a group (by seq). */
  private trim(groupId: string): void {
    const ofGroup = [...this.byKey.values()].filter((d) => d.groupId === groupId);
    if (ofGroup.length <= MAX_PER_GROUP) return;
    ofGroup.sort((a, b) => b.root.seq - a.root.seq);
    for (const d of ofGroup.slice(MAX_PER_GROUP)) this.remove(d);
  }

  private remove(d: Discussion): void {
    this.byKey.delete(keyOf(d.groupId, d.rootMsgId));
    if (d.thread) this.byThread.delete(d.thread);
    d.thread?.dispose();
    d.thread = undefined;
    d.placing++;
  }

  private placeAgain(which: (d: Discussion) => boolean): void {
    for (const d of this.byKey.values()) if (which(d)) void this.place(d);
  }

  private async place(d: Discussion): Promise<void> {
    const run = ++d.placing;
    const snippet = d.root.snippet;
    const where = snippet ? await this.locate(snippet).catch((error: unknown) => {
      this.warn(`TeamChat could not place a discussion on ${snippet.path}: ${errorMessage(error)}`);
      return undefined;
    }) : undefined;
    if (run !== d.placing || this.byKey.get(keyOf(d.groupId, d.rootMsgId)) !== d) return;
    if (!where) {
      if (d.thread) this.byThread.delete(d.thread);
      d.thread?.dispose();
      d.thread = undefined;
      return;
    }
    const first = Math.max(1, Math.min(where.startLine, where.endLine));
    const range = new vscode.Range(first - 1, 0, Math.max(first, where.endLine) - 1, 0);
    if (d.thread && d.thread.uri.toString() === where.uri.toString()) {
      d.thread.range = range;
    } else {
      if (d.thread) this.byThread.delete(d.thread);
      d.thread?.dispose();
      d.thread = this.controller.createCommentThread(where.uri, range, []);
      d.shownResolved = undefined;
      this.byThread.set(d.thread, d);
    }
    this.render(d);
  }

  private render(d: Discussion): void {
    const thread = d.thread;
    const client = this.client;
    if (!thread || !client) return;
    const root = d.root;
    const s = root.snippet;
    const fallback = s ? `Shared ${s.path}:${s.startLine}-${s.endLine}` : 'Shared these lines';
    const replies = client.threads.replies(d.groupId, d.rootMsgId).slice(-MAX_REPLIES);
    thread.comments = [commentOf(root, fallback), ...replies.map((m) => commentOf(m, ''))];
    const resolved = root.discussion?.resolved === true;
    const groupName = client.groups().find((g) => g.id === d.groupId)?.name ?? 'TeamChat';
    const by = root.discussion ? ` · ${resolved ? 'resolved' : 'reopened'} by ${root.discussion.by}` : '';
    thread.label = `${groupName}${by}`;
    thread.canReply = true;
    thread.contextValue = resolved ? RESOLVED_CONTEXT : UNRESOLVED_CONTEXT;
    thread.state = resolved ? vscode.CommentThreadState.Resolved : vscode.CommentThreadState.Unresolved;
    // Folded (a mark in the gutter, a line in the Comments panel) until opened, and folded
    // again once resolved; one the user just started here opens. Their own folding is kept otherwise.
    const key = keyOf(d.groupId, d.rootMsgId);
    if (this.toExpand.delete(key)) {
      thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    } else if (d.shownResolved !== resolved && (resolved || d.shownResolved === undefined)) {
      thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
    }
    d.shownResolved = resolved;
  }
}
