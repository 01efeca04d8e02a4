// Opening a received snippet: its lines where they are now in this copy (snippet-locator.ts),
// selected, and a word on what happened to them since they were shared: moved (to which
// lines), changed (with the difference a click away), or not found.
import * as vscode from 'vscode';
import { parseSnippetOrigin } from '../../common/messages/snippet-origin';
import type { CodeSnippet } from '../../common/messages/envelope';
import * as notify from '../plain-notifications';
import { locateSnippet, workspaceRelative, type SnippetLocation } from './snippet-locator';
import { showSnippetDifference } from './snippet-difference';

/** What the panel's link sends: a snippet as the panel shows it (from a webview, so checked again here). */
export interface SnippetTarget {
  path: string;
  startLine: number;
  endLine: number;
  code?: string;
  origin?: unknown;
}

export interface OpenedSnippet {
  location: SnippetLocation;
  /** What the user was told. */
  said: string;
  /** For changed lines: what "Show Difference" does. */
  showDifference?: () => Promise<void>;
}

export const SHOW_DIFFERENCE = 'Show Difference';
const MAX_CODE_CHARS = 40_000;

export async function openSharedSnippet(target: SnippetTarget, viewColumn = vscode.ViewColumn.One): Promise<OpenedSnippet | undefined> {
  const snippet = snippetOf(target);
  if (!snippet) return undefined;
  const label = snippet.startLine === snippet.endLine ? `${snippet.path}:${snippet.startLine}` : `${snippet.path}:${snippet.startLine}-${snippet.endLine}`;
  if (!workspaceRelative(snippet.path)) {
    const said = `TeamChat did not open "${snippet.path}": a shared path must stay inside the workspace.`;
    void notify.warn(said);
    return { location: { status: 'no-file', startLine: snippet.startLine, endLine: snippet.endLine, how: 'path' }, said };
  }
  const location = await locateSnippet(snippet);
  if (location.status === 'no-file' || !location.uri) {
    const said = `"${snippet.path}" is not in your workspace, so TeamChat cannot open it here.`;
    void notify.info(said);
    return { location, said };
  }
  const document = await vscode.workspace.openTextDocument(location.uri);
  const last = location.endLine - 1;
  const selection = new vscode.Range(location.startLine - 1, 0, last, document.lineAt(last).text.length);
  const editor = await vscode.window.showTextDocument(document, { selection, preview: true, viewColumn });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  const lines = `lines ${location.startLine}-${location.endLine}`;
  // Without the shared text (a panel older than this host) there is nothing to compare: the file opens at the lines, as it did before.
  if (snippet.code.trim() === '') return { location, said: '' };
  let said: string;
  switch (location.status) {
    case 'same':
      said = `${label} is as it was shared.`;
      vscode.window.setStatusBarMessage(`TeamChat: ${said}`, 5000);
      break;
    case 'moved':
      said = `${label} moved to ${lines} since it was shared.`;
      void notify.info(said);
      break;
    case 'changed': {
      said = `${label} changed since it was shared (now ${lines}).`;
      const showDifference = () => showSnippetDifference(snippet, document, location);
      void notify.info(said, SHOW_DIFFERENCE).then((choice) => (choice === SHOW_DIFFERENCE ? showDifference() : undefined));
      return { location, said, showDifference };
    }
    default:
      said = `${label} was not found in your copy of ${snippet.path}: it changed too much, or was removed. Showing ${lines} as shared.`;
      void notify.warn(said);
  }
  return { location, said };
}

/** The target as a snippet, or undefined when it is not one; a bad origin is dropped, not trusted. */
function snippetOf(target: SnippetTarget): CodeSnippet | undefined {
  const line = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1;
  if (typeof target?.path !== 'string' || target.path.length > 1000 || !line(target.startLine) || !line(target.endLine)) return undefined;
  const snippet: CodeSnippet = { path: target.path, startLine: target.startLine, endLine: Math.max(target.startLine, target.endLine), language: '', code: '' };
  if (typeof target.code !== 'string' || target.code.length > MAX_CODE_CHARS) return snippet;
  snippet.code = target.code;
  try {
    if (target.origin !== undefined) snippet.origin = parseSnippetOrigin(target.origin);
  } catch {
    // The panel only ever sends an origin it was given by the client core; anything else is ignored.
  }
  return snippet;
}
