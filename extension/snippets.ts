// Code snippets: what Share Selection sends (the lines, and where they came from). Opening a
// received one is extension/code/snippet-opener.ts.
import * as vscode from 'vscode';
import { TeamChatClientError } from '../client/errors';
import type { SnippetView } from '../common/webview-protocol';
import { captureOrigin } from './code/snippet-origin-capture';
import { gitApi } from './git/git-api';
import { sharedSnippetPath } from './shared-path';

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

export async function snippetFromEditor(editor: vscode.TextEditor | undefined): Promise<SnippetView> {
  if (!editor || editor.selection.isEmpty) throw new NothingSelectedError();
  const { start, end } = editor.selection;
  // A selection ending at column 0 of a line does not include that line.
  const endLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
  const range = new vscode.Range(start.line, 0, endLine, editor.document.lineAt(endLine).text.length);
  const code = editor.document.getText(range);
  if (code.length > MAX_SNIPPET_CHARS) throw new SnippetTooLargeError(code.length);
  const { uri } = editor.document;
  const snippet: SnippetView = {
    // Outside every workspace folder, a file in a repository VS Code knows is named from the repository's root.
    path: sharedSnippetPath(uri.path, vscode.workspace.getWorkspaceFolder(uri)?.uri.path ?? (await gitApi())?.getRepository(uri)?.rootUri.path),
    startLine: start.line + 1,
    endLine: endLine + 1,
    language: editor.document.languageId,
    code,
  };
  const origin = await captureOrigin(editor.document, { startLine: snippet.startLine, endLine: snippet.endLine }, code);
  return origin ? { ...snippet, origin } : snippet;
}
