// "Open diff" on a shared diff's card: each file in VS Code's diff editor (several at once in
// its multi-file view), between the reader's file and that file with the diff applied. Where
// the diff does not apply to the reader's copy (or they have none), both sides come from the
// diff alone: its hunks before and after, so it can still be read. Both sides are read-only.
import * as vscode from 'vscode';
import { applyParsedPatch, type FileApplyResult } from '../../common/code/patch-apply';
import { parseUnifiedDiff, type PatchFile } from '../../common/code/patch-parse';
import { argsOf, stringArg, type TeamChatCommand } from '../commands/command';
import { diffDocument } from './diff-documents';
import { fileUri, findMessage, patchRoot, readerTexts } from './reader-files';

/** A file's two sides from its hunks alone, each gap between hunks shown as one "⋯" line. */
function sidesFromHunks(file: PatchFile): { before: string; after: string } {
  const before: string[] = [];
  const after: string[] = [];
  for (const [i, h] of file.hunks.entries()) {
    if (i > 0) {
      before.push('⋯');
      after.push('⋯');
    }
    for (const line of h.lines) {
      if (line.startsWith(' ') || line.startsWith('-')) before.push(line.slice(1));
      if (line.startsWith(' ') || line.startsWith('+')) after.push(line.slice(1));
    }
  }
  return { before: before.join('\n'), after: after.join('\n') };
}

function sides(file: PatchFile, result: FileApplyResult | undefined): { before: string; after: string; fromDiff: boolean } {
  if (result?.ok) return { before: result.before ?? '', after: result.after ?? '', fromDiff: false };
  return { ...sidesFromHunks(file), fromDiff: true };
}

export const openSharedDiff: TeamChatCommand = {
  name: 'openSharedDiff',
  async run(app, raw) {
    const args = argsOf<{ groupId: string; msgId: string }>(raw);
    const groupId = stringArg(args.groupId);
    const msgId = stringArg(args.msgId);
    if (!groupId || !msgId) throw new Error('Open diff needs a shared diff: use the button on its card in the chat.');
    const client = app.requireSession().client;
    const message = await findMessage(client, groupId, msgId);
    const patch = parseUnifiedDiff(await client.diffs.patchOf(message));
    const files = patch.files.filter((f) => !f.binary);
    if (files.length === 0) throw new Error('That diff changes only binary files, which a diff cannot show.');
    const root = await patchRoot(patch);
    const applied = applyParsedPatch(patch, await readerTexts(root, patch));
    const title = `${message.sender}: ${message.diff?.label ?? 'diff'}`;
    const shown = files.map((f) => {
      const s = sides(f, applied.files.find((r) => r.path === f.path));
      return {
        resource: fileUri(root, f.path),
        before: diffDocument(app.context, msgId, 'before', f.oldPath ?? f.path, s.before),
        after: diffDocument(app.context, msgId, 'after', f.path, s.after),
        fromDiff: s.fromDiff,
      };
    });
    const only = shown[0];
    if (shown.length === 1 && only) {
      const path = files[0]?.path ?? '';
      const notes = [title.endsWith(path) ? '' : path, only.fromDiff ? 'from the diff alone: it does not apply to your copy' : ''].filter(Boolean).join(', ');
      await vscode.commands.executeCommand('vscode.diff', only.before, only.after, notes ? `${title} (${notes})` : title, { preview: true });
    } else {
      await vscode.commands.executeCommand('vscode.changes', title, shown.map((s) => [s.resource, s.before, s.after]));
    }
    return { files: shown.length, fromDiff: shown.filter((s) => s.fromDiff).length };
  },
};
