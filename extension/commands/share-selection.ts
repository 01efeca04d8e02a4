// Share Selection to Group: sends the selected lines with their workspace-relative path and
// line range; readers get a link that opens the file there when their workspace has it.
import * as vscode from 'vscode';
import { snippetFromEditor } from '../snippets';
import { argsOf, type TeamChatCommand } from './command';

export const shareSelection: TeamChatCommand = {
  name: 'shareSelection',
  async run(app, raw) {
    const session = app.requireSession();
    const snippet = snippetFromEditor(vscode.window.activeTextEditor);
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
