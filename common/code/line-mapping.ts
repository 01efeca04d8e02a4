// Where a range of lines is now, given the unified diff from then to now (git's diff from the
// commit a snippet was taken at to the reader's working tree). Pure: the diff is text in, a
// range out, with no file access, so it is the same on every side and tested on its own.
import { parsePatch } from 'diff';

/** 1-based, inclusive. */
export interface LineRange {
  startLine: number;
  endLine: number;
}

/**
 * `same`: untouched, at the same lines. `moved`: untouched, at other lines. `changed`: some of
 * the lines were edited, or lines were inserted among them (the range is where they are now).
 * `deleted`: all of them were removed and nothing took their place (the range is where they were).
 */
export type LineMappingStatus = 'same' | 'moved' | 'changed' | 'deleted';

export interface LineMapping extends LineRange {
  status: LineMappingStatus;
}

/** Far above one source file's diff; a diff longer than this is not mapped (the text locator is asked instead). */
export const MAX_PATCH_CHARS = 4_000_000;

interface Hunk {
  /** The first line the hunk covers on each side (for a side with no lines: the line after the point it sits at). */
  oldFirst: number;
  oldLines: number;
  newFirst: number;
  newLines: number;
  lines: string[];
}

/**
 * Maps `range` (in the diff's old file) to the new file. `reverse` maps new to old instead (from
 * a working tree back to its commit). Undefined when the diff cannot be trusted to map: too long,
 * malformed, more than one file, or hunks whose numbers disagree with their lines.
 */
export function mapLineRange(patch: string, range: LineRange, options: { reverse?: boolean } = {}): LineMapping | undefined {
  if (patch.length > MAX_PATCH_CHARS) return undefined;
  const hunks = hunksOf(patch, options.reverse === true);
  if (!hunks) return undefined;
  return walk(hunks, range);
}

function hunksOf(patch: string, reverse: boolean): Hunk[] | undefined {
  let files: ReturnType<typeof parsePatch>;
  try {
    files = parsePatch(patch);
  } catch {
    return undefined;
  }
  const changed = files.filter((f) => f.hunks.length > 0);
  if (changed.length > 1) return undefined;
  const hunks: Hunk[] = [];
  for (const h of changed[0]?.hunks ?? []) {
    const lines = reverse ? h.lines.map(swapSide) : h.lines;
    const [oldStart, oldLines, newStart, newLines] = reverse ? [h.newStart, h.newLines, h.oldStart, h.oldLines] : [h.oldStart, h.oldLines, h.newStart, h.newLines];
    if (![oldStart, oldLines, newStart, newLines].every((n) => Number.isSafeInteger(n) && n >= 0)) return undefined;
    let context = 0;
    let removed = 0;
    let added = 0;
    for (const line of lines) {
      const sign = line[0];
      if (sign === ' ') context++;
      else if (sign === '-') removed++;
      else if (sign === '+') added++;
      else if (sign !== '\\') return undefined;
    }
    if (context + removed !== oldLines || context + added !== newLines) return undefined;
    hunks.push({ oldFirst: oldLines === 0 ? oldStart + 1 : oldStart, oldLines, newFirst: newLines === 0 ? newStart + 1 : newStart, newLines, lines });
  }
  return hunks;
}

function swapSide(line: string): string {
  if (line[0] === '-') return `+${line.slice(1)}`;
  if (line[0] === '+') return `-${line.slice(1)}`;
  return line;
}

function walk(hunks: readonly Hunk[], { startLine: s, endLine: e }: LineRange): LineMapping | undefined {
  let oldLine = 1;
  let newLine = 1;
  let start: number | undefined;
  let endExclusive: number | undefined;
  let touched = false;
  let anyKept = false;
  // Set while inside a run of removed/added lines that removed the range's last line: the run's added lines belong to the range.
  let endInRun = false;
  let runStartNew: number | undefined;

  // Lines between hunks are unchanged: the offset between the two sides carries them over.
  const unchangedUpTo = (oldBefore: number) => {
    const offset = newLine - oldLine;
    if (s >= oldLine && s < oldBefore) start ??= s + offset;
    if (e >= oldLine && e < oldBefore) endExclusive ??= e + 1 + offset;
    if (s < oldBefore && e >= oldLine) anyKept = true;
  };
  const endRun = () => {
    if (endInRun) endExclusive ??= newLine;
    endInRun = false;
    runStartNew = undefined;
  };

  for (const hunk of hunks) {
    // Hunks come in order, do not overlap, and agree with the offset so far.
    if (hunk.oldFirst < oldLine || hunk.newFirst - hunk.oldFirst !== newLine - oldLine) return undefined;
    unchangedUpTo(hunk.oldFirst);
    oldLine = hunk.oldFirst;
    newLine = hunk.newFirst;
    for (const line of hunk.lines) {
      const sign = line[0];
      if (sign === ' ') {
        endRun();
        if (oldLine === s) start ??= newLine;
        if (oldLine >= s && oldLine <= e) anyKept = true;
        if (oldLine === e) endExclusive ??= newLine + 1;
        oldLine++;
        newLine++;
      } else if (sign === '-') {
        runStartNew ??= newLine;
        if (oldLine >= s && oldLine <= e) touched = true;
        if (oldLine === s) start ??= runStartNew;
        if (oldLine === e) endInRun = true;
        oldLine++;
      } else if (sign === '+') {
        runStartNew ??= newLine;
        // Added after the range's first line and before its last: inside it.
        if (oldLine > s && oldLine <= e) touched = true;
        newLine++;
      }
    }
    endRun();
  }
  unchangedUpTo(Number.MAX_SAFE_INTEGER);
  if (start === undefined || endExclusive === undefined) return undefined;
  if (!touched) return { status: start === s ? 'same' : 'moved', startLine: start, endLine: endExclusive - 1 };
  if (!anyKept && endExclusive <= start) return { status: 'deleted', startLine: Math.max(1, start), endLine: Math.max(1, start) };
  return { status: 'changed', startLine: Math.max(1, start), endLine: Math.max(start, endExclusive - 1, 1) };
}
