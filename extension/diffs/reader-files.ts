// The reader's side of a shared diff: which folder its paths are relative to (the repository or
// workspace folder holding most of the files it expects), the files' texts as the reader has
// them (an open document's unsaved text first, else the file on disk), and the message itself.
import * as vscode from 'vscode';
import type { ChatMessage, TeamChatClient } from '../../client';
import { pathsToRead } from '../../common/code/patch-apply';
import type { ParsedPatch } from '../../common/code/patch-parse';
import { gitApi } from '../git/git-api';

export async function findMessage(client: TeamChatClient, groupId: string, msgId: string): Promise<ChatMessage> {
  const held = () => client.messages(groupId).find((m) => m.msgId === msgId);
  if (!held()) await client.history(groupId);
  const message = held();
  if (!message?.diff) throw new Error('That message shares no diff (or it is no longer held).');
  return message;
}

export function fileUri(root: vscode.Uri, path: string): vscode.Uri {
  return vscode.Uri.joinPath(root, ...path.split('/'));
}

/** The text of `uri` as the reader sees it, or undefined when there is no such file. */
export async function readerText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return true;
  return vscode.workspace.fs.stat(uri).then(() => true, () => false);
}

/** The repository or workspace folder where the most of the patch's files are as it expects them. */
export async function patchRoot(patch: ParsedPatch): Promise<vscode.Uri> {
  const roots = new Map<string, vscode.Uri>();
  for (const r of (await gitApi())?.repositories ?? []) roots.set(r.rootUri.toString(), r.rootUri);
  for (const f of vscode.workspace.workspaceFolders ?? []) roots.set(f.uri.toString(), f.uri);
  if (roots.size === 0) throw new Error('Open the folder of the repository the diff is for, then try again.');
  let best: vscode.Uri | undefined;
  let bestScore = -1;
  for (const root of roots.values()) {
    let score = 0;
    for (const f of patch.files.slice(0, 50)) {
      const there = await exists(fileUri(root, f.oldPath ?? f.path));
      if (there === (f.status !== 'added')) score++;
    }
    if (score > bestScore) [best, bestScore] = [root, score];
  }
  return best as vscode.Uri;
}

/** The texts applyParsedPatch reads, keyed by repository path (a file the reader lacks is absent). */
export async function readerTexts(root: vscode.Uri, patch: ParsedPatch): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const path of pathsToRead(patch)) {
    const text = await readerText(fileUri(root, path));
    if (text !== undefined) texts.set(path, text);
  }
  return texts;
}
