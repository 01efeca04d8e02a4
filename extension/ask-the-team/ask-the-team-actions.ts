// The quick fix "Ask the team about this error" on every problem in a file, in any language:
// in the editor's lightbulb and in the Problems panel's context menu (which lists a problem's
// quick fixes; VS Code has no menu of its own there for extensions). Offered only while
// TeamChat is signed in and unlocked.
import * as vscode from 'vscode';
import { CommandId } from '../commands/ids';
import { problemWord } from './diagnostic-snippet';

/** A line with dozens of problems gets the action on the first few. */
const MOST_ACTIONS = 10;

export class AskTheTeamActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly signedIn: () => boolean) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!this.signedIn()) return [];
    return context.diagnostics.slice(0, MOST_ACTIONS).map((diagnostic) => {
      const title = `Ask the team about this ${problemWord(diagnostic)}`;
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.command = { command: CommandId.askTheTeam, title, arguments: [{ uri: document.uri, diagnostic }] };
      return action;
    });
  }
}

export function registerAskTheTeam(signedIn: () => boolean): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new AskTheTeamActions(signedIn), { providedCodeActionKinds: AskTheTeamActions.kinds });
}
