// Start a Discussion Here: sends the lines as a snippet with the user's words as its comment,
// to a group they pick; the discussion then shows on those lines as a comment thread (and in
// the chat). From the editor's context menu (the selection, or the cursor's line) or from the
// gutter's "+" (the comment widget's text and lines).
import * as vscode from 'vscode';
import type { TeamChatApp } from '../teamchat-app';
import { snippetOfLines } from '../discussions/lines-snippet';
import { TeamChatClientError } from '../../client/errors';
import { argsOf, type TeamChatCommand } from './command';

class NotInWorkspaceError extends TeamChatClientError {
  constructor() {
    super('Open a file of a workspace folder first: a discussion is on lines of a file your team has too.');
  }
}

async function startOn(app: TeamChatApp, document: vscode.TextDocument, first: number, last: number, args: unknown, text: string | undefined): Promise<string | undefined> {
  const session = app.requireSession();
  if (!vscode.workspace.getWorkspaceFolder(document.uri)) throw new NotInWorkspaceError();
  const snippet = snippetOfLines(document, first, last);
  const group = await app.pickGroup(args, `Discuss ${snippet.path}:${snippet.startLine}-${snippet.endLine} in…`);
  if (!group) return undefined;
  const comment = text ?? (await vscode.window.showInputBox({
    title: `Start a discussion on ${snippet.path}:${snippet.startLine}-${snippet.endLine}`,
    prompt: `Sent to ${group.name} with the lines`,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'Say what the discussion is about.'),
  }));
  if (!comment?.trim()) return undefined;
  const sent = await session.client.sendSnippet(group.id, snippet, comment);
  app.discussions.expand(group.id, sent.msgId);
  return sent.msgId;
}

/** From the editor: `{ groupId, comment }` skip the prompts; `{ uri, startLine, endLine }` (1-based) name other lines than the selection. */
export const startDiscussion: TeamChatCommand = {
  name: 'startDiscussion',
  async run(app, raw) {
    // The line numbers' context menu passes `{ lineNumber, uri }` (1-based, a Uri).
    const args = argsOf<{ comment: string; uri: string | vscode.Uri; startLine: number; endLine: number; lineNumber: number }>(raw);
    if (typeof args.lineNumber === 'number') args.startLine = args.endLine = args.lineNumber;
    const editor = vscode.window.activeTextEditor;
    const uri = typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri instanceof vscode.Uri ? args.uri : undefined;
    const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
    if (!document) throw new NotInWorkspaceError();
    let [first, last] = [editor?.selection.start.line ?? 0, editor?.selection.end.line ?? 0];
    // A selection ending at column 0 of a line does not include that line.
    if (editor && !editor.selection.isEmpty && editor.selection.end.character === 0 && last > first) last--;
    if (typeof args.startLine === 'number') first = args.startLine - 1;
    if (typeof args.endLine === 'number') last = args.endLine - 1;
    return startOn(app, document, first, last, raw, typeof args.comment === 'string' ? args.comment : undefined);
  },
};

/**
 * The comment widget's submit on a new thread (the gutter's "+"): VS Code passes the draft
 * thread and the text typed. The draft goes once sent: the discussion's own thread replaces it.
 * `groupId` (not from VS Code) skips the group pick, for tests.
 */
export const startDiscussionFromComment: TeamChatCommand = {
  name: 'startDiscussionFromComment',
  async run(app, raw) {
    const { thread, text } = argsOf<vscode.CommentReply>(raw);
    if (!thread || typeof text !== 'string') return undefined;
    if (app.discussions.discussionOf(thread)) return vscode.commands.executeCommand('teamchat.replyInDiscussion', raw);
    if (!text.trim()) return undefined;
    const document = await vscode.workspace.openTextDocument(thread.uri);
    const msgId = await startOn(app, document, thread.range.start.line, thread.range.end.line, raw, text);
    if (msgId) thread.dispose();
    return msgId;
  },
};
