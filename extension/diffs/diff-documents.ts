// The read-only documents "Open diff" shows on each side of VS Code's diff editor: the text
// before and after a shared diff, held in memory under teamchat-diff: URIs (never written to
// disk). Registered on first use; the texts of the last few diffs opened are kept.
import * as vscode from 'vscode';

export const DIFF_SCHEME = 'teamchat-diff';
/** Documents kept for diff editors that may still be open. */
const KEPT = 400;

class DiffDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  put(uri: vscode.Uri, text: string): void {
    const key = uri.toString();
    this.texts.delete(key);
    this.texts.set(key, text);
    while (this.texts.size > KEPT) this.texts.delete(this.texts.keys().next().value as string);
    this.changed.fire(uri);
  }
}

let documents: DiffDocuments | undefined;

/** A read-only document with `text`, named by the message, the side and the file's path. */
export function diffDocument(context: vscode.ExtensionContext, msgId: string, side: 'before' | 'after', path: string, text: string): vscode.Uri {
  if (!documents) {
    documents = new DiffDocuments();
    context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, documents));
  }
  // The path is a checked repository path (patch-parse.ts): no "..", no absolute part.
  const uri = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/${msgId.slice(0, 8)}/${side}/${path}` });
  documents.put(uri, text);
  return uri;
}
