// A shared diff as the panel is shown it. With the patch inline, the file list is read from the
// patch itself (the sender's summary could say "+1" over a patch that rewrites a file), and
// each file gets its hunks' lines; a patch that cannot be read shows the summary only.
import { parseUnifiedDiff, type ParsedPatch } from '../../common/code/patch-parse';
import type { FileAttachment } from '../../common/messages/file-attachment';
import type { SharedDiff } from '../../common/messages/shared-diff';
import type { DiffFileView, DiffView } from '../../common/webview-protocol';

function fromPatch(patch: ParsedPatch): DiffFileView[] {
  return patch.files.map((f) => ({
    path: f.path, ...(f.oldPath ? { oldPath: f.oldPath } : {}), status: f.status, added: f.added, removed: f.removed, ...(f.binary ? { binary: true as const } : {}),
    lines: f.hunks.flatMap((h) => [h.header, ...h.lines]),
  }));
}

export function toDiffView(diff: SharedDiff, file: FileAttachment | undefined): DiffView {
  const view: DiffView = { source: diff.source, label: diff.label, files: diff.files.map((f) => ({ ...f })) };
  if (diff.moreFiles) view.moreFiles = diff.moreFiles;
  if (diff.patch !== undefined) {
    try {
      view.files = fromPatch(parseUnifiedDiff(diff.patch));
      delete view.moreFiles;
    } catch {
      // The summary stays; Apply and Open diff say what is wrong with the patch.
    }
  } else if (file) {
    view.attachedBytes = file.size;
  }
  return view;
}
