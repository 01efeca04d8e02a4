// Finding a snippet's lines in a file's text when git cannot say where they went (the reader's
// copy lacks the commit, or has no git): the exact block first, then the same lines with their
// leading and trailing whitespace ignored. Pure and bounded: a hostile snippet or a huge file
// costs at most a fixed number of line comparisons, after which the search gives up.
import type { LineRange } from './line-mapping';

export interface TextMatch extends LineRange {
  /** The lines are exactly the snippet's (line endings aside); false when only whitespace differs. */
  exact: boolean;
}

/** Lines compared before the search gives up, far more than any real file and snippet need. */
export const MAX_LINE_COMPARISONS = 4_000_000;
/** Longer texts are not searched. */
export const MAX_SEARCH_CHARS = 10_000_000;

/** Text split into lines at "\n", "\r\n" or "\r". */
export function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The snippet's code with every line ending as "\n": what its text hash is taken over. */
export function normalizedLineEndings(text: string): string {
  return linesOf(text).join('\n');
}

/**
 * Where `code` occurs in `text`: the exact block nearest to `near` (the lines it was shared
 * at), else the nearest block equal but for whitespace at the ends of lines, else undefined.
 * A snippet of only blank lines is never "found": it would match anywhere.
 */
export function locateText(text: string, code: string, near: number): TextMatch | undefined {
  if (text.length > MAX_SEARCH_CHARS || code.length > MAX_SEARCH_CHARS) return undefined;
  const wanted = linesOf(code);
  if (wanted.every((l) => l.trim() === '')) return undefined;
  const lines = linesOf(text);
  const budget = { left: MAX_LINE_COMPARISONS };
  const exact = nearest(lines, wanted, near, budget);
  if (exact !== undefined) return { startLine: exact + 1, endLine: exact + wanted.length, exact: true };
  const trimmedLines = lines.map((l) => l.trim());
  const trimmedWanted = wanted.map((l) => l.trim());
  const loose = nearest(trimmedLines, trimmedWanted, near, budget);
  if (loose !== undefined) return { startLine: loose + 1, endLine: loose + wanted.length, exact: false };
  return undefined;
}

/** The 0-based start of the block nearest to the 1-based line `near` (of those found before the budget ran out), or undefined. */
function nearest(lines: readonly string[], wanted: readonly string[], near: number, budget: { left: number }): number | undefined {
  const last = lines.length - wanted.length;
  if (last < 0) return undefined;
  // Anchored on the snippet's most distinctive line (its longest), so repetitive files cost less.
  let anchor = 0;
  for (let i = 1; i < wanted.length; i++) if (wanted[i]!.length > wanted[anchor]!.length) anchor = i;
  let best: number | undefined;
  const target = near - 1;
  for (let start = 0; start <= last; start++) {
    if (--budget.left < 0) return best;
    if (lines[start + anchor] !== wanted[anchor]) continue;
    let ok = true;
    for (let j = 0; j < wanted.length && ok; j++) {
      if (--budget.left < 0) return best;
      ok = lines[start + j] === wanted[j];
    }
    if (!ok) continue;
    if (best === undefined || Math.abs(start - target) < Math.abs(best - target)) best = start;
  }
  return best;
}
