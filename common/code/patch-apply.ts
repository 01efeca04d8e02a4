// Applies a parsed unified diff (patch-parse.ts) to the texts of the reader's files, hunk by
// hunk, and says for each hunk whether it applied and, if not, why: what "Apply" checks before
// it changes anything, and what "Open diff" shows. A hunk is placed where the diff says or,
// as git apply does, at the nearest place further on where its old lines are exactly there;
// the search has a budget, so a hostile diff against a large file cannot freeze the reader.
// Pure: no file system here; the caller reads the files and writes the results.
import type { DiffFileStatus, ParsedPatch, PatchFile, PatchHunk } from './patch-parse';

export interface HunkResult {
  header: string;
  applied: boolean;
  /** Why it did not apply, in one sentence. */
  reason?: string;
  /** 1-based line of the result where it applied. */
  line?: number;
}

export interface FileApplyResult {
  path: string;
  oldPath?: string;
  status: DiffFileStatus;
  /** Every hunk applied (and the file is where the diff expects it). */
  ok: boolean;
  /** The file as the reader has it (undefined: there is none). */
  before?: string;
  /** The file after the change; undefined for a deletion or when it did not apply. */
  after?: string;
  hunks: HunkResult[];
  /** A problem with the file as a whole (it exists already, it is missing, it is binary). */
  problem?: string;
}

export interface PatchApplyResult {
  ok: boolean;
  files: FileApplyResult[];
  /** Every hunk that did not apply, with its file. */
  failed: { path: string; header: string; reason: string }[];
}

/** Line comparisons allowed for placing all the hunks of one patch. */
const SEARCH_BUDGET = 20_000_000;

interface Lines {
  lines: string[];
  /** The text ends with a line break. */
  eol: boolean;
  crlf: boolean;
}

function splitLines(text: string): Lines {
  const crlf = text.includes('\r\n');
  const lines = text.split('\n');
  const eol = lines.at(-1) === '';
  if (eol) lines.pop();
  return { lines: crlf ? lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)) : lines, eol, crlf };
}

function joinLines(l: Lines): string {
  if (l.lines.length === 0) return '';
  const sep = l.crlf ? '\r\n' : '\n';
  return l.lines.join(sep) + (l.eol ? sep : '');
}

interface HunkSides {
  old: string[];
  new: string[];
  oldNoEol: boolean;
  newNoEol: boolean;
}

function sidesOf(hunk: PatchHunk): HunkSides {
  const sides: HunkSides = { old: [], new: [], oldNoEol: false, newNoEol: false };
  let last = '';
  for (const line of hunk.lines) {
    const mark = line[0];
    const text = line.slice(1).replace(/\r$/, '');
    if (mark === '\\') {
      if (last === ' ' || last === '-') sides.oldNoEol = true;
      if (last === ' ' || last === '+') sides.newNoEol = true;
      continue;
    }
    if (mark === ' ' || mark === '-') sides.old.push(text);
    if (mark === ' ' || mark === '+') sides.new.push(text);
    last = mark ?? '';
  }
  return sides;
}

class Budget {
  left = SEARCH_BUDGET;
}

function matchesAt(lines: readonly string[], at: number, old: readonly string[], budget: Budget): boolean {
  if (at < 0 || at + old.length > lines.length) return false;
  for (let i = 0; i < old.length; i++) {
    budget.left--;
    if (lines[at + i] !== old[i]) return false;
  }
  return true;
}

/** Where the hunk's old lines are: the expected place, else the nearest one after `from`; -1 if nowhere (or out of budget). */
function place(lines: readonly string[], expected: number, from: number, old: readonly string[], budget: Budget): number {
  if (old.length === 0) return expected >= from && expected <= lines.length ? expected : -1;
  const last = lines.length - old.length;
  for (let d = 0; budget.left > 0; d++) {
    const after = expected + d;
    const before = expected - d;
    if (after > last && before < from) return -1;
    if (after <= last && after >= from && matchesAt(lines, after, old, budget)) return after;
    if (d > 0 && before >= from && before <= last && matchesAt(lines, before, old, budget)) return before;
  }
  return -1;
}

function mismatch(lines: readonly string[], at: number, old: readonly string[]): string {
  if (at + old.length > lines.length) return `the file has ${lines.length} lines, too few for it at line ${at + 1}, and its lines are nowhere else in the file`;
  const i = old.findIndex((line, k) => lines[at + k] !== line);
  return `line ${at + i + 1} is not what the diff expects there, and the hunk's lines are nowhere else in the file`;
}

function failAll(file: PatchFile, problem: string, before?: string): FileApplyResult {
  return {
    path: file.path, ...(file.oldPath ? { oldPath: file.oldPath } : {}), status: file.status, ok: false, ...(before !== undefined ? { before } : {}), problem,
    hunks: file.hunks.map((h) => ({ header: h.header, applied: false, reason: problem })),
  };
}

/** One file's hunks against the reader's text of it (undefined: the reader has no such file). */
function applyFilePatch(file: PatchFile, current: string | undefined, target: string | undefined, budget: Budget): FileApplyResult {
  if (file.binary) return failAll(file, 'it is a binary change, which a diff cannot carry', current);
  if (file.status === 'added' && current !== undefined) return failAll(file, `${file.path} exists already`, current);
  if (file.status !== 'added' && current === undefined) return failAll(file, `${file.oldPath ?? file.path} is not in your workspace`);
  if ((file.status === 'renamed' || file.status === 'copied') && target !== undefined) return failAll(file, `${file.path} exists already`, current);
  const text = splitLines(current ?? '');
  if (current === undefined) text.eol = true;
  const hunks: HunkResult[] = [];
  let delta = 0;
  let from = 0;
  for (const hunk of file.hunks) {
    const sides = sidesOf(hunk);
    // jsdiff counts an empty side's start from the line after it, so this is the place either way.
    const orig = hunk.oldStart - 1;
    const expected = Math.max(0, orig + delta);
    const at = place(text.lines, expected, from, sides.old, budget);
    if (at < 0) {
      hunks.push({ header: hunk.header, applied: false, reason: budget.left <= 0 ? 'the file is too large to look for its place' : mismatch(text.lines, Math.min(expected, text.lines.length), sides.old) });
      continue;
    }
    const atEnd = at + sides.old.length === text.lines.length;
    text.lines.splice(at, sides.old.length, ...sides.new);
    if (atEnd && (sides.oldNoEol || sides.newNoEol)) text.eol = !sides.newNoEol;
    delta = at - orig + sides.new.length - sides.old.length;
    from = at + sides.new.length;
    hunks.push({ header: hunk.header, applied: true, line: at + 1 });
  }
  const ok = hunks.every((h) => h.applied);
  const result: FileApplyResult = { path: file.path, ...(file.oldPath ? { oldPath: file.oldPath } : {}), status: file.status, ok, hunks, ...(current !== undefined ? { before: current } : {}) };
  if (!ok) return result;
  if (file.status === 'deleted') {
    if (text.lines.length > 0) return { ...result, ok: false, problem: `${file.path} holds more than the diff deletes` };
    return result;
  }
  result.after = joinLines(text);
  return result;
}

/**
 * The whole patch against the reader's files: `texts` maps a repository path to its text, a
 * path missing from it is a file the reader does not have. Nothing is written: ok says whether
 * every hunk of every file applies.
 */
export function applyParsedPatch(patch: ParsedPatch, texts: ReadonlyMap<string, string>): PatchApplyResult {
  const budget = new Budget();
  const files = patch.files.map((f) => applyFilePatch(f, texts.get(f.oldPath ?? f.path), f.oldPath ? texts.get(f.path) : undefined, budget));
  const failed = files.flatMap((f) => f.hunks.filter((h) => !h.applied).map((h) => ({ path: f.path, header: h.header, reason: h.reason ?? 'it did not apply' })));
  for (const f of files) {
    if (!f.ok && f.hunks.length === 0) failed.push({ path: f.path, header: '(whole file)', reason: f.problem ?? 'it did not apply' });
  }
  return { ok: files.every((f) => f.ok), files, failed };
}

/** The paths whose texts applyParsedPatch needs (the old path of a rename, and its new one). */
export function pathsToRead(patch: ParsedPatch): string[] {
  return [...new Set(patch.files.flatMap((f) => (f.oldPath ? [f.oldPath, f.path] : [f.path])))];
}
