// The search box's language, Slack-like: words (all must match; the last one typed also
// matches as a prefix), "quoted phrases", and filters `from:bob`, `in:general` (or
// `in:"two words"`), `has:code`, `has:file`, `before:2026-11-30`, `after:…`, `on:…`. What
// the user types is data: an unknown `word:` is a word, a filter value is compared as a
// string and never used as an object key or a pattern, and the query is cut to a bound so a
// pasted novel cannot make the index work for seconds.

/** Characters of a query looked at; the rest is ignored. */
export const MAX_QUERY_CHARS = 1_000;
/** Words and phrases kept from one query. */
export const MAX_QUERY_TERMS = 32;

export interface SearchQuery {
  /** Plain words, as typed (the index tokenizes them). */
  words: string[];
  /** Quoted phrases: their words must appear in this order. */
  phrases: string[];
  /** The last word as a prefix: true while the user is still typing it. */
  prefixLast: boolean;
  /** Senders (any of them), lowercased. */
  from: string[];
  /** Group names or ids (any of them), as typed. */
  in: string[];
  hasCode: boolean;
  hasFile: boolean;
  /** Arrival time bounds, ms since the epoch: after <= time < before. */
  after?: number;
  before?: number;
}

const FILTERS = new Set(['from', 'in', 'has', 'before', 'after', 'on']);
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A token of the query: a bare or quoted word, or key:value (the value bare or quoted). */
const TOKEN = /([A-Za-z]+):(?:"([^"]*)"?|(\S*))|"([^"]*)"?|(\S+)/g;

export function parseSearchQuery(input: string): SearchQuery {
  const text = typeof input === 'string' ? input.slice(0, MAX_QUERY_CHARS) : '';
  const query: SearchQuery = { words: [], phrases: [], prefixLast: false, from: [], in: [], hasCode: false, hasFile: false };
  let lastWasWord = false;
  for (const match of text.matchAll(TOKEN)) {
    const [whole, key, quotedValue, bareValue, phrase, word] = match;
    lastWasWord = false;
    if (key !== undefined && FILTERS.has(key.toLowerCase())) {
      const value = quotedValue ?? bareValue ?? '';
      if (value && applyFilter(query, key.toLowerCase(), value)) continue;
      if (!value) continue;
    }
    if (query.words.length + query.phrases.length >= MAX_QUERY_TERMS) continue;
    if (phrase !== undefined) {
      if (phrase.trim()) query.phrases.push(phrase.trim());
    } else {
      query.words.push(word ?? whole);
      lastWasWord = true;
    }
  }
  // Still typing the last word: nothing (no space, no closing quote) after it.
  query.prefixLast = lastWasWord && !/\s$/.test(text);
  return query;
}

/** False when the value does not make sense for the filter (then it is searched as a word). */
function applyFilter(query: SearchQuery, key: string, value: string): boolean {
  switch (key) {
    case 'from':
      query.from.push(value.replace(/^@/, '').toLowerCase());
      return true;
    case 'in':
      query.in.push(value.replace(/^#/, ''));
      return true;
    case 'has': {
      const what = value.toLowerCase();
      if (what === 'code' || what === 'snippet') query.hasCode = true;
      else if (what === 'file' || what === 'attachment') query.hasFile = true;
      else return false;
      return true;
    }
    default: {
      const day = parseDay(value);
      if (!day) return false;
      if (key === 'before' || key === 'on') query.before = Math.min(query.before ?? Infinity, key === 'on' ? day.end : day.start);
      if (key === 'after' || key === 'on') query.after = Math.max(query.after ?? -Infinity, key === 'on' ? day.start : day.end);
      return true;
    }
  }
}

/** A calendar day in local time, as [start, end) in ms; undefined for anything but a real YYYY-MM-DD. */
export function parseDay(value: string): { start: number; end: number } | undefined {
  const m = DAY.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const start = new Date(year, month - 1, day);
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== day) return undefined;
  return { start: start.getTime(), end: new Date(year, month - 1, day + 1).getTime() };
}

/** Whether the query asks for anything at all (an empty one finds nothing rather than everything). */
export function isEmptyQuery(query: SearchQuery): boolean {
  return (
    query.words.length === 0 && query.phrases.length === 0 && query.from.length === 0 && query.in.length === 0 &&
    !query.hasCode && !query.hasFile && query.after === undefined && query.before === undefined
  );
}
