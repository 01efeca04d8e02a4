// "Show Difference" for a snippet that changed since it was shared: VS Code's diff editor between
// the text as shared and the lines as they are now, both read-only documents this provider
// serves (scheme teamchat-snippet), so the member's text is never written to disk.
import * as vscode from 'vscode';
import type { LineRange } from '../../common/code/line-mapping';

export const SNIPPET_SCHEME = 'teamchat-snippet';
/** Texts kept for open diff editors; older ones are dropped (their tab then shows an empty document). */
const MAX_KEPT = 40;
// Controls and bidi overrides never reach a tab title.
const UNSAFE_TITLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const texts = new Map<string, string>();
let counter = 0;

class SnippetDocuments implements vscode.TextDocumentContentProvider {
  provideTextDocumentContent(uri: vscode.Uri): string {
    return texts.get(uri.path) ?? '';
  }
}

export function registerSnippetDocuments(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(SNIPPET_SCHEME, new SnippetDocuments());
}

/** A read-only document holding `text`, named after the file so VS Code colours it as that language. */
function snippetDocument(side: 'shared' | 'now', path: string, text: string): vscode.Uri {
  const name = (path.split(/[\\/]/).pop() ?? '').replace(/[^\w.-]/g, '_') || 'snippet';
  const key = `/${++counter}/${side}/${name}`;
  texts.set(key, text);
  for (const old of texts.keys()) {
    if (texts.size <= MAX_KEPT) break;
    texts.delete(old);
  }
  return vscode.Uri.from({ scheme: SNIPPET_SCHEME, path: key });
}

/** Opens the diff editor: the snippet as shared on the left, `lines` of `document` as they are now on the right. */
export async function showSnippetDifference(shared: { path: string; code: string }, document: vscode.TextDocument, lines: LineRange): Promise<void> {
  const last = Math.min(lines.endLine, document.lineCount) - 1;
  const now = document.getText(new vscode.Range(lines.startLine - 1, 0, last, document.lineAt(Math.max(0, last)).text.length));
  const title = `${shared.path.replace(UNSAFE_TITLE, '')}: as shared ↔ now (lines ${lines.startLine}-${lines.endLine})`;
  await vscode.commands.executeCommand('vscode.diff', snippetDocument('shared', shared.path, shared.code), snippetDocument('now', shared.path, now), title, { preview: true });
}
