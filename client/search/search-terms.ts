// How text becomes search terms, the same way for messages, queries and highlighting: split on
// spaces, punctuation, symbols and control or format characters (bidi marks, zero-width
// joiners), then folded (NFKC, accents off, lowercase), so "Café" finds "cafe" and a
// full-width "ｄｅｐｌｏｙ" finds "deploy". A term longer than MAX_TERM_CHARS is not indexed:
// nobody searches for it, and a member's 40,000-character "word" would only swell the index.

export const MAX_TERM_CHARS = 64;

const SEPARATORS = /[\s\p{Z}\p{P}\p{S}\p{Cc}\p{Cf}]+/u;
const SEPARATORS_GLOBAL = /[\s\p{Z}\p{P}\p{S}\p{Cc}\p{Cf}]+/gu;

export function tokenize(text: string): string[] {
  return text.split(SEPARATORS).filter(Boolean);
}

/** The indexed form of a term, or null for one that is not indexed. */
export function foldTerm(term: string): string | null {
  if (term.length === 0 || term.length > MAX_TERM_CHARS) return null;
  return term.normalize('NFKC').normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Each token of `text` with where it starts and ends, for highlighting. */
export function tokenSpans(text: string): { start: number; end: number; term: string | null }[] {
  const spans: { start: number; end: number; term: string | null }[] = [];
  let at = 0;
  for (const separator of text.matchAll(SEPARATORS_GLOBAL)) {
    const index = separator.index;
    if (index > at) spans.push({ start: at, end: index, term: foldTerm(text.slice(at, index)) });
    at = index + separator[0].length;
  }
  if (at < text.length) spans.push({ start: at, end: text.length, term: foldTerm(text.slice(at)) });
  return spans;
}
