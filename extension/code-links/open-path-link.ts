// "src/retry.ts:42" in a message: the file in the reader's own workspace, opened at that line.
// The exact relative path in a workspace folder first; else the files whose path ends with it
// (a link written from another folder depth, "retry.ts:42"), at most MAX_MATCHES, picked from
// a list when there are several. Only the local file system is asked.
import * as vscode from 'vscode';
import type { CodeLinkTarget } from '../../common/code/code-links';
import * as notify from '../plain-notifications';

type PathLink = Extract<CodeLinkTarget, { kind: 'path' }>;

const MAX_MATCHES = 20;

export async function openPathLink(link: PathLink, viewColumn: vscode.ViewColumn): Promise<vscode.TextEditor | undefined> {
  const uri = (await exactFile(link.path)) ?? (await pickFile(link.path));
  if (!uri) return undefined;
  const doc = await vscode.workspace.openTextDocument(uri);
  const last = Math.min(link.endLine ?? link.line, doc.lineCount);
  const first = Math.min(link.line, last);
  const selection = new vscode.Range(first - 1, 0, last - 1, doc.lineAt(last - 1).text.length);
  const editor = await vscode.window.showTextDocument(doc, { selection, preview: true, viewColumn });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

async function exactFile(path: string): Promise<vscode.Uri | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uri = vscode.Uri.joinPath(folder.uri, path);
    const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
    if (stat && stat.type & vscode.FileType.File) return uri;
  }
  return undefined;
}

/** The path's segments are checked (code-links.ts isSharedPath): no glob characters can be in it. */
async function pickFile(path: string): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles(`**/${path}`, undefined, MAX_MATCHES);
  const matches = found.filter((uri) => uri.path.endsWith(`/${path}`));
  if (matches.length === 0) {
    void notify.info(`"${path}" is not in your workspace, so TeamChat cannot open it here.`);
    return undefined;
  }
  if (matches.length === 1) return matches[0];
  const items = matches.map((uri) => ({ label: vscode.workspace.asRelativePath(uri, true), uri }));
  const picked = await vscode.window.showQuickPick(items, { title: `Several files end with ${path}: which one?`, matchOnDescription: true });
  return picked?.uri;
}
