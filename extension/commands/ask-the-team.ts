// Ask the Team About This Problem: shares the problem's lines and the diagnostic (message,
// source, code, severity) with a group, with an optional comment. From the quick fix (which
// names the problem) or the palette (the problem at the cursor, picked when there are several).
import * as vscode from 'vscode';
import { TeamChatClientError } from '../../client/errors';
import { diagnosticSnippet, problemWord } from '../ask-the-team/diagnostic-snippet';
import { captureOrigin } from '../code/snippet-origin-capture';
import { argsOf, type TeamChatCommand } from './command';

class NoProblemHereError extends TeamChatClientError {
  constructor() {
    super('There is no problem at the cursor: put it on a squiggle (or pick one in the Problems panel), then ask again.');
  }
}

interface Problem {
  document: vscode.TextDocument;
  diagnostic: vscode.Diagnostic;
}

export const askTheTeam: TeamChatCommand = {
  name: 'askTheTeam',
  async run(app, raw) {
    const session = app.requireSession();
    const args = argsOf<{ uri: unknown; diagnostic: unknown; comment: string }>(raw);
    const uri = uriOf(args.uri);
    const problem = uri && isDiagnostic(args.diagnostic) ? await named(uri, args.diagnostic) : await atCursor(vscode.window.activeTextEditor);
    if (!problem) return undefined;
    const lines = diagnosticSnippet(problem.document, problem.diagnostic);
    // Where the lines came from (repository, commit, text hash), as Share Selection records it, so
    // the reader's copy finds them even after edits.
    const origin = await captureOrigin(problem.document, { startLine: lines.startLine, endLine: lines.endLine }, lines.code);
    const snippet = origin ? { ...lines, origin } : lines;
    const group = await app.pickGroup(raw, `Ask about the ${problemWord(problem.diagnostic)} in ${snippet.path}:${snippet.diagnostic?.line ?? snippet.startLine}`);
    if (!group) return undefined;
    const comment = typeof args.comment === 'string' ? args.comment : await vscode.window.showInputBox({ title: 'Add a question or comment (optional)', ignoreFocusOut: true });
    if (comment === undefined) return undefined;
    const { msgId } = await session.sendSnippet(group.id, snippet, comment);
    app.openChat(group.id);
    return msgId;
  },
};

/** A Uri, its string, or its parts after a trip through a command's arguments. */
function uriOf(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string') return vscode.Uri.parse(value, true);
  const parts = value as Partial<vscode.Uri> | undefined;
  return typeof parts?.scheme === 'string' && typeof parts.path === 'string' ? vscode.Uri.from({ scheme: parts.scheme, authority: parts.authority, path: parts.path }) : undefined;
}

/** What the quick fix passed: a Diagnostic, or its shape after a trip through a command's arguments. */
function isDiagnostic(value: unknown): value is vscode.Diagnostic {
  const d = value as Partial<vscode.Diagnostic> | undefined;
  return typeof d?.message === 'string' && d.range !== undefined && typeof d.range.start?.line === 'number' && typeof d.range.end?.line === 'number';
}

async function named(uri: vscode.Uri, d: vscode.Diagnostic): Promise<Problem> {
  const document = await vscode.workspace.openTextDocument(uri);
  const range = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
  const diagnostic = new vscode.Diagnostic(range, d.message, d.severity);
  diagnostic.source = d.source;
  diagnostic.code = d.code;
  return { document, diagnostic };
}

/** The problems under the cursor (or on its line), most severe first; a pick when there are several. */
async function atCursor(editor: vscode.TextEditor | undefined): Promise<Problem | undefined> {
  if (!editor) throw new NoProblemHereError();
  const at = editor.selection.active;
  const all = vscode.languages.getDiagnostics(editor.document.uri);
  const under = all.filter((d) => d.range.contains(at));
  const found = (under.length ? under : all.filter((d) => d.range.start.line <= at.line && at.line <= d.range.end.line)).sort((a, b) => a.severity - b.severity);
  if (found.length === 0) throw new NoProblemHereError();
  if (found.length === 1) return { document: editor.document, diagnostic: found[0]! };
  const picked = await vscode.window.showQuickPick(
    found.map((diagnostic) => ({ label: diagnostic.message.split('\n', 1)[0] ?? '', description: [diagnostic.source, typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code].filter((x) => x !== undefined && x !== '').join(' '), diagnostic })),
    { title: 'Ask the team about which problem?' },
  );
  return picked && { document: editor.document, diagnostic: picked.diagnostic };
}
