// What the panel is shown of a shared diff: what was shared, each file with its +/- counts and,
// when the diff came inline, its hunks' lines. A diff carried as a file shows its sender's
// file list until "Open diff" or "Apply" fetches it in the extension host (never in the panel).
import type { DiffSource, SharedDiffFile } from '../messages/shared-diff';

/** A file as the envelope's summary names it, and, for an inline diff, its lines. */
export interface DiffFileView extends SharedDiffFile {
  /** Its hunks: each a "@@ ... @@" line then its lines with their marks (" ", "-", "+", "\"). */
  lines?: string[];
}

export interface DiffView {
  source: DiffSource;
  /** The sender's words for it: member text, shown with textContent only. */
  label: string;
  files: DiffFileView[];
  /** Files the summary leaves out. */
  moreFiles?: number;
  /** The diff travels as an encrypted file of this many bytes (its lines are not in the view). */
  attachedBytes?: number;
}
