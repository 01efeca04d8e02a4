// Where a shared snippet's lines are in this workspace, for placing its comment thread. The
// default: the file at the snippet's path in the first workspace folder that has it, at the
// shared lines as they were. The path is a member's text: an absolute path or one that climbs
// out of the folder ("../") is never followed. A locator that finds lines that moved since
// (extension/code/snippet-locator.ts) can take this one's place: DiscussionComments takes any.
import * as vscode from 'vscode';
import type { CodeSnippet } from '../../common/crypto';

export interface SnippetPlace {
  uri: vscode.Uri;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
}

export type SnippetLocator = (snippet: CodeSnippet) => Promise<SnippetPlace | undefined>;

/** The workspace-relative path of a shared snippet, or undefined for one that must not be followed. */
export function followablePath(path: string): string | undefined {
  const relative = path.replace(/\\/g, '/');
  if (!relative || relative.startsWith('/') || /^[a-zA-Z]:/.test(relative) || relative.split('/').includes('..')) return undefined;
  return relative;
}

export const locateInWorkspace: SnippetLocator = async (snippet) => {
  const relative = followablePath(snippet.path);
  if (relative === undefined) return undefined;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uri = vscode.Uri.joinPath(folder.uri, relative);
    try {
      if ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) return { uri, startLine: snippet.startLine, endLine: snippet.endLine };
    } catch {
      // Not in this folder: try the next.
    }
  }
  return undefined;
};
