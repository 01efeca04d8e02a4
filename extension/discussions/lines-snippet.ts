// The snippet a discussion started in the editor sends: whole lines of a document in a
// workspace folder, with the path from that folder (never the sender's absolute path).
import * as vscode from 'vscode';
import type { SnippetView } from '../../common/webview-protocol';
import { sharedSnippetPath } from '../shared-path';
import { MAX_SNIPPET_CHARS, SnippetTooLargeError } from '../snippets';

/** `first` and `last`: 0-based lines, inclusive (clamped to the document). */
export function snippetOfLines(document: vscode.TextDocument, first: number, last: number): SnippetView {
  const top = Math.max(0, Math.min(first, last, document.lineCount - 1));
  const bottom = Math.min(Math.max(first, last), document.lineCount - 1);
  const code = document.getText(new vscode.Range(top, 0, bottom, document.lineAt(bottom).text.length));
  if (code.length > MAX_SNIPPET_CHARS) throw new SnippetTooLargeError(code.length);
  return {
    path: sharedSnippetPath(document.uri.path, vscode.workspace.getWorkspaceFolder(document.uri)?.uri.path),
    startLine: top + 1,
    endLine: bottom + 1,
    language: document.languageId,
    code,
  };
}
