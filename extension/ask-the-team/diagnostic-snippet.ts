// "Ask the team" about a problem VS Code reports: the problem's lines with CONTEXT_LINES either
// side (fewer when that would pass MAX_SNIPPET_CHARS) and the diagnostic itself (message,
// source, code, severity, where it starts), as a snippet for the envelope.
import * as vscode from 'vscode';
import { MAX_DIAGNOSTIC_MESSAGE, type DiagnosticSeverity } from '../../common/messages/snippet-diagnostic';
import type { SnippetView } from '../../common/webview-protocol';
import { sharedSnippetPath } from '../shared-path';
import { MAX_SNIPPET_CHARS } from '../snippets';

export const CONTEXT_LINES = 3;
const MAX_LABEL = 200;

const SEVERITIES: Record<vscode.DiagnosticSeverity, DiagnosticSeverity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** "error", "warning", or "problem" for the rest: what the action and the prompt call it. */
export function problemWord(diagnostic: vscode.Diagnostic): string {
  const severity = SEVERITIES[diagnostic.severity];
  return severity === 'error' || severity === 'warning' ? severity : 'problem';
}

export function diagnosticSnippet(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): SnippetView {
  const first = Math.min(diagnostic.range.start.line, document.lineCount - 1);
  const last = Math.min(Math.max(diagnostic.range.end.line, first), document.lineCount - 1);
  let lines = linesAround(document, first, last);
  if (lines.code.length > MAX_SNIPPET_CHARS) lines = { startLine: first, endLine: first, code: document.lineAt(first).text.slice(0, MAX_SNIPPET_CHARS) };
  const code = diagnostic.code;
  const codeText = typeof code === 'object' ? String(code.value) : code === undefined ? '' : String(code);
  return {
    path: sharedSnippetPath(document.uri.path, vscode.workspace.getWorkspaceFolder(document.uri)?.uri.path),
    startLine: lines.startLine + 1,
    endLine: lines.endLine + 1,
    language: document.languageId,
    code: lines.code,
    diagnostic: {
      severity: SEVERITIES[diagnostic.severity] ?? 'error',
      message: diagnostic.message.slice(0, MAX_DIAGNOSTIC_MESSAGE) || '(no message)',
      ...(diagnostic.source ? { source: diagnostic.source.slice(0, MAX_LABEL) } : {}),
      ...(codeText ? { code: codeText.slice(0, MAX_LABEL) } : {}),
      line: first + 1,
      column: first === diagnostic.range.start.line ? diagnostic.range.start.character + 1 : 1,
    },
  };
}

/** The widest context, from CONTEXT_LINES either side down to none, that fits in a snippet. */
function linesAround(document: vscode.TextDocument, first: number, last: number): { startLine: number; endLine: number; code: string } {
  let lines = { startLine: first, endLine: last, code: '' };
  for (let context = CONTEXT_LINES; context >= 0; context--) {
    const startLine = Math.max(0, first - context);
    const endLine = Math.min(document.lineCount - 1, last + context);
    const code = document.getText(new vscode.Range(startLine, 0, endLine, document.lineAt(endLine).text.length));
    lines = { startLine, endLine, code };
    if (code.length <= MAX_SNIPPET_CHARS) break;
  }
  return lines;
}
