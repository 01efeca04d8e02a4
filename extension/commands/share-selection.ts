// Share Selection to Group: sends the selected lines with their workspace-relative path and
// line range and, in a git repository, where they came from (commit, repository); readers get a
// link that finds those lines in their own copy.
import * as vscode from 'vscode';
import { snippetFromEditor } from '../snippets';
import { argsOf, type TeamChatCommand } from './command';

export const shareSelection: TeamChatCommand = {
  name: 'shareSelection',
  async run(app, raw) {
    const session = app.requireSession();
    const snippet = await snippetFromEditor(vscode.window.activeTextEditor);
    const group = await app.pickGroup(raw, `Share ${snippet.path}:${snippet.startLine}-${snippet.endLine}`);
    if (!group) return undefined;
    const given = argsOf<{ comment: string }>(raw).comment;
    const comment = typeof given === 'string' ? given : await vscode.window.showInputBox({ title: 'Add a comment (optional)', ignoreFocusOut: true });
    if (comment === undefined) return undefined;
    const { msgId } = await session.sendSnippet(group.id, snippet, comment);
    app.openChat(group.id);
    return msgId;
  },
};
