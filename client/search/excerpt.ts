// The part of a message a result shows: a window of text around the first matching word,
// on one line, with where each matching word is (UTF-16 offsets into the excerpt), so a UI
// marks them with its own elements and never with markup built from member text.

import { tokenSpans } from './search-terms';

export interface MatchRange {
  start: number;
  end: number;
}

export interface Excerpt {
  text: string;
  ranges: MatchRange[];
}

/** Characters an excerpt shows at most (plus an ellipsis at either end). */
export const EXCERPT_CHARS = 160;
const LEAD_CHARS = 40;

/** `terms`: the folded terms that matched (the index's own, so prefixes arrive expanded). */
export function excerptOf(text: string, terms: ReadonlySet<string>, width = EXCERPT_CHARS): Excerpt {
  const spans = tokenSpans(text);
  const matches = spans.filter((s) => s.term !== null && terms.has(s.term));
  const first = matches[0];
  let start = 0;
  if (first && first.start > LEAD_CHARS) {
    // Start at a word a little before the first match, never inside a word or a surrogate pair.
    start = spans.find((s) => s.start >= first.start - LEAD_CHARS)?.start ?? first.start;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const last = [...spans].reverse().find((s) => s.end <= end && s.start >= start);
    end = last && last.end > start ? last.end : Math.min(text.length, start + width);
    if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end -= 1;
  }
  const lead = start > 0 ? '…' : '';
  const tail = end < text.length ? '…' : '';
  // One character for one, so the offsets stay right: a line break shows as a space.
  const body = text.slice(start, end).replace(/[\r\n\t\v\f\u2028\u2029]/g, ' ');
  const ranges = matches
    .filter((m) => m.start >= start && m.end <= end)
    .map((m) => ({ start: m.start - start + lead.length, end: m.end - start + lead.length }));
  return { text: lead + body + tail, ranges };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
