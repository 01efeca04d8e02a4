// A unified diff (git diff's output, or any unified diff) read into files and hunks that are
// safe to act on: every path is a plain path inside the repository (no absolute path, no "..",
// no ".git", no "__proto__"), and the work is bounded (characters, lines, files, hunks) before
// jsdiff reads a line of it. A shared diff is a member's text: anything here may be hostile.
// Pure: the webview and the host both use it.
import { parsePatch, type StructuredPatch } from 'diff';

export type DiffFileStatus = 'modified' | 'added' | 'deleted' | 'renamed' | 'copied';

export interface PatchHunk {
  /** "@@ -a,b +c,d @@", as the reader names it when it does not apply. */
  header: string;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Each line with its mark: " ", "-", "+" or "\" (no newline at end of file). */
  lines: string[];
}

export interface PatchFile {
  /** The path after the change (for a deletion, the deleted path). */
  path: string;
  /** The path before, when it differs (renamed or copied). */
  oldPath?: string;
  status: DiffFileStatus;
  /** A binary change: listed, never applied. */
  binary: boolean;
  added: number;
  removed: number;
  hunks: PatchHunk[];
}

export interface ParsedPatch {
  files: PatchFile[];
}

export const PATCH_LIMITS = {
  chars: 10_000_000,
  lines: 250_000,
  files: 1_000,
  hunks: 20_000,
  pathChars: 1_000,
} as const;

export class PatchError extends Error {
  override readonly name = 'PatchError';
}

// C0 and C1 controls, DEL, bidi controls and line separators: never part of a path anyone means.
const UNSAFE_PATH_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\\]/;
const FORBIDDEN_SEGMENTS = new Set(['', '.', '..', '__proto__', '.git']);

/** A repository-relative path from a diff, or why it is refused. Never absolute, never outside, never into .git. */
export function checkRepoPath(path: string): string {
  if (path.length === 0 || path.length > PATCH_LIMITS.pathChars) throw new PatchError(`A path in the diff is empty or longer than ${PATCH_LIMITS.pathChars} characters.`);
  if (UNSAFE_PATH_CHARS.test(path)) throw new PatchError('A path in the diff holds a control character or a backslash.');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) throw new PatchError(`The diff names an absolute path (${path.slice(0, 80)}); a shared diff stays inside the repository.`);
  for (const segment of path.split('/')) {
    if (FORBIDDEN_SEGMENTS.has(segment.toLowerCase())) throw new PatchError(`The diff names a path outside the repository or inside .git (${path.slice(0, 80)}).`);
  }
  return path;
}

function repoPath(name: string | undefined, prefix: 'a/' | 'b/', git: boolean): string | undefined {
  if (name === undefined || name === '/dev/null') return undefined;
  const bare = git && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  return checkRepoPath(bare);
}

function lineCount(text: string, max: number): number {
  let n = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (++n > max) throw new PatchError(`The diff has more than ${max} lines; share fewer files or a smaller range.`);
  }
  return n;
}

/** As the diff printed it: jsdiff adds one to the start of an empty side, git does not. */
function hunkHeader(h: { oldStart: number; oldLines: number; newStart: number; newLines: number }): string {
  const oldStart = h.oldLines === 0 ? h.oldStart - 1 : h.oldStart;
  const newStart = h.newLines === 0 ? h.newStart - 1 : h.newStart;
  return `@@ -${oldStart},${h.oldLines} +${newStart},${h.newLines} @@`;
}

function statusOf(p: StructuredPatch, oldPath: string | undefined, newPath: string | undefined): DiffFileStatus {
  if (p.isCreate || oldPath === undefined) return 'added';
  if (p.isDelete || newPath === undefined) return 'deleted';
  if (p.isCopy) return 'copied';
  if (p.isRename || oldPath !== newPath) return 'renamed';
  return 'modified';
}

/**
 * Reads a unified diff; throws PatchError with one sentence when it is too large, malformed,
 * or names a path that is not a plain path inside the repository. An empty diff has no files.
 */
export function parseUnifiedDiff(text: string): ParsedPatch {
  if (text.length > PATCH_LIMITS.chars) throw new PatchError(`The diff has ${text.length} characters, more than ${PATCH_LIMITS.chars}.`);
  lineCount(text, PATCH_LIMITS.lines);
  let parsed: StructuredPatch[];
  try {
    parsed = parsePatch(text);
  } catch (error) {
    throw new PatchError(`The diff is not a unified diff: ${error instanceof Error ? error.message.slice(0, 200) : 'it could not be read'}.`);
  }
  const files: PatchFile[] = [];
  let hunks = 0;
  for (const p of parsed) {
    const git = p.isGit === true || (p.oldFileName?.startsWith('a/') ?? false) || (p.newFileName?.startsWith('b/') ?? false);
    const oldPath = repoPath(p.oldFileName, 'a/', git);
    const newPath = repoPath(p.newFileName, 'b/', git);
    // jsdiff yields an empty entry for text with no diff in it (or trailing prose).
    if (oldPath === undefined && newPath === undefined) {
      if (p.hunks.length > 0) throw new PatchError('A hunk in the diff names no file.');
      continue;
    }
    if (files.length >= PATCH_LIMITS.files) throw new PatchError(`The diff changes more than ${PATCH_LIMITS.files} files.`);
    hunks += p.hunks.length;
    if (hunks > PATCH_LIMITS.hunks) throw new PatchError(`The diff has more than ${PATCH_LIMITS.hunks} hunks.`);
    const status = statusOf(p, oldPath, newPath);
    const path = (newPath ?? oldPath) as string;
    const file: PatchFile = { path, status, binary: p.isBinary === true, added: 0, removed: 0, hunks: [] };
    if (oldPath !== undefined && oldPath !== path) file.oldPath = oldPath;
    for (const h of p.hunks) {
      for (const line of h.lines) {
        if (line.startsWith('+')) file.added++;
        else if (line.startsWith('-')) file.removed++;
      }
      file.hunks.push({ header: hunkHeader(h), oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines, lines: h.lines });
    }
    files.push(file);
  }
  return { files };
}
