// Code snippets: what Share Selection sends, and opening a received one at its lines when the
// reader's workspace has that file.
import * as vscode from 'vscode';
import { TeamChatClientError } from '../client/errors';
import type { SnippetView } from '../common/webview-protocol';
import { sharedSnippetPath } from './shared-path';
import * as notify from './plain-notifications';

/** Keeps a snippet well inside the server's 64 KiB limit for one encrypted message. */
export const MAX_SNIPPET_CHARS = 40_000;

export class NothingSelectedError extends TeamChatClientError {
  constructor() {
    super('Select some code in an editor first, then run "TeamChat: Share Selection to Group".');
  }
}

export class SnippetTooLargeError extends TeamChatClientError {
  constructor(chars: number) {
    super(`The selection has ${chars} characters; share at most ${MAX_SNIPPET_CHARS} (select fewer lines).`);
  }
}

export function snippetFromEditor(editor: vscode.TextEditor | undefined): SnippetView {
  if (!editor || editor.selection.isEmpty) throw new NothingSelectedError();
  const { start, end } = editor.selection;
  // A selection ending at column 0 of a line does not include that line.
  const endLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
  const range = new vscode.Range(start.line, 0, endLine, editor.document.lineAt(endLine).text.length);
  const code = editor.document.getText(range);
  if (code.length > MAX_SNIPPET_CHARS) throw new SnippetTooLargeError(code.length);
  const { uri } = editor.document;
  return {
    path: sharedSnippetPath(uri.path, vscode.workspace.getWorkspaceFolder(uri)?.uri.path),
    startLine: start.line + 1,
    endLine: endLine + 1,
    language: editor.document.languageId,
    code,
  };
}

/** Opens path at the given 1-based lines in the first workspace folder that has it. */
export async function openSnippetTarget(target: { path: string; startLine: number; endLine: number }, viewColumn = vscode.ViewColumn.One): Promise<boolean> {
  const relative = target.path.replace(/\\/g, '/');
  if (relative.startsWith('/') || relative.split('/').includes('..')) {
    void notify.warn(`TeamChat did not open "${target.path}": a shared path must stay inside the workspace.`);
    return false;
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uri = vscode.Uri.joinPath(folder.uri, relative);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      continue;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const last = Math.min(Math.max(target.endLine, target.startLine), doc.lineCount);
    const first = Math.min(Math.max(1, target.startLine), last);
    const selection = new vscode.Range(first - 1, 0, last - 1, doc.lineAt(last - 1).text.length);
    await vscode.window.showTextDocument(doc, { selection, preview: true, viewColumn });
    return true;
  }
  void notify.info(`"${target.path}" is not in your workspace, so TeamChat cannot open it here.`);
  return false;
}
