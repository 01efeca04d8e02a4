// "Apply" on a shared diff's card: checks the diff against the reader's files (their unsaved
// text where a file is open), hunk by hunk, without changing anything. If any hunk does not
// apply, nothing is applied and the reader is told which (file and @@ header). Otherwise it
// shows what it would change and, once confirmed, applies it as one WorkspaceEdit: undoable,
// on open documents as they are, left unsaved for the reader to review. Tests pass
// { confirm: true } to skip the confirmation.
import * as vscode from 'vscode';
import { applyParsedPatch, type PatchApplyResult } from '../../common/code/patch-apply';
import { parseUnifiedDiff, PatchError } from '../../common/code/patch-parse';
import { argsOf, stringArg, type TeamChatCommand } from '../commands/command';
import { CommandId } from '../commands/ids';
import * as notify from '../plain-notifications';
import { fileUri, findMessage, patchRoot, readerText, readerTexts } from './reader-files';

export interface ApplyOutcome {
  applied: boolean;
  /** Files changed (applied) or checked. */
  files: string[];
  /** The hunks that did not apply: "path @@ -a,b +c,d @@: why". */
  failed: string[];
}

function failedText(result: PatchApplyResult): string[] {
  return result.failed.map((f) => `${f.path} ${f.header}: ${f.reason}`);
}

function preview(result: PatchApplyResult): string {
  return result.files.map((f) => {
    const verb = f.status === 'added' ? 'creates' : f.status === 'deleted' ? 'deletes' : f.status === 'renamed' ? `renames ${f.oldPath ?? ''} to` : 'changes';
    return `${verb} ${f.path}${f.hunks.length ? ` (${f.hunks.length} hunk${f.hunks.length === 1 ? '' : 's'})` : ''}`;
  }).join('\n');
}

async function editFor(root: vscode.Uri, result: PatchApplyResult): Promise<vscode.WorkspaceEdit> {
  const edit = new vscode.WorkspaceEdit();
  for (const f of result.files) {
    const target = fileUri(root, f.path);
    if (f.status === 'deleted') {
      edit.deleteFile(target);
    } else if (f.status === 'added' || f.status === 'copied' || (f.status === 'renamed' && f.oldPath)) {
      if (f.status === 'renamed' && f.oldPath) edit.deleteFile(fileUri(root, f.oldPath));
      edit.createFile(target, { ignoreIfExists: false });
      edit.insert(target, new vscode.Position(0, 0), f.after ?? '');
    } else if (f.after !== undefined && f.after !== f.before) {
      const doc = await vscode.workspace.openTextDocument(target);
      // The text checked must still be the text there: a change since would be overwritten.
      if (doc.getText() !== f.before) throw new Error(`${f.path} changed while the diff was being checked: try Apply again.`);
      edit.replace(target, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), f.after);
    }
  }
  return edit;
}

export const applySharedDiff: TeamChatCommand = {
  name: 'applySharedDiff',
  async run(app, raw): Promise<ApplyOutcome | undefined> {
    const args = argsOf<{ groupId: string; msgId: string; confirm: boolean }>(raw);
    const groupId = stringArg(args.groupId);
    const msgId = stringArg(args.msgId);
    if (!groupId || !msgId) throw new Error('Apply needs a shared diff: use the button on its card in the chat.');
    const client = app.requireSession().client;
    const message = await findMessage(client, groupId, msgId);
    let patch;
    try {
      patch = parseUnifiedDiff(await client.diffs.patchOf(message));
    } catch (error) {
      if (error instanceof PatchError) throw new Error(`This diff cannot be applied: ${error.message}`, { cause: error });
      throw error;
    }
    const root = await patchRoot(patch);
    const result = applyParsedPatch(patch, await readerTexts(root, patch));
    const label = message.diff?.label ?? 'diff';
    if (!result.ok) {
      const failed = failedText(result);
      app.log.warn(`Apply ${label}: refused, ${failed.length} hunk(s) did not apply: ${failed.join('; ')}`);
      void notify.error(`${message.sender}'s diff "${label}" does not apply cleanly to your files, so nothing was changed. Not applied: ${failed.slice(0, 5).join('; ')}${failed.length > 5 ? ` and ${failed.length - 5} more` : ''}.`);
      return { applied: false, files: result.files.map((f) => f.path), failed };
    }
    if (args.confirm !== true) {
      const question = `Apply ${message.sender}'s diff "${label}" to ${result.files.length} file${result.files.length === 1 ? '' : 's'} in ${vscode.workspace.asRelativePath(root, false) || root.fsPath}?`;
      const detail = `It applies cleanly. It ${preview(result)}.\nThe changes stay unsaved, and Undo takes them back.`;
      const choice = await vscode.window.showInformationMessage(question, { modal: true, detail }, 'Apply', 'Open Diff First');
      if (choice === 'Open Diff First') {
        await vscode.commands.executeCommand(CommandId.openSharedDiff, { groupId, msgId });
        return undefined;
      }
      if (choice !== 'Apply') return undefined;
    }
    // Checked again just before the edit: a file changed since the preview is not overwritten.
    for (const f of result.files) {
      if (f.status !== 'added' && (await readerText(fileUri(root, f.oldPath ?? f.path))) !== f.before) throw new Error(`${f.oldPath ?? f.path} changed since the diff was checked: try Apply again.`);
    }
    if (!(await vscode.workspace.applyEdit(await editFor(root, result)))) throw new Error('VS Code did not apply the changes (a file may be read-only); nothing was changed.');
    void notify.info(`Applied ${message.sender}'s diff "${label}" to ${result.files.length} file${result.files.length === 1 ? '' : 's'}: review and save them.`);
    return { applied: true, files: result.files.map((f) => f.path), failed: [] };
  },
};
