// The full-text index of the messages this client has decrypted and verified, over MiniSearch
// (lucaong/minisearch: BM25 ranking, prefix search, incremental add and discard, JSON
// serialisation). It holds documents (search-fields.ts) and answers a parsed query
// (search-query.ts) with hits sorted by relevance, then the newest first. Pure: no I/O.

import MiniSearch, { type AsPlainObject, type Options, type SearchResult as IndexResult } from 'minisearch';
import { excerptOf, type Excerpt } from './excerpt';
import type { SearchDocument } from './search-fields';
import type { SearchQuery } from './search-query';
import { foldTerm, tokenize, tokenSpans } from './search-terms';

export interface SearchHit {
  groupId: string;
  msgId: string;
  seq: number;
  sender: string;
  /** Server time of arrival, ISO 8601. */
  time: string;
  threadRoot?: string;
  score: number;
  excerpt: Excerpt;
}

export interface IndexQueryScope {
  /** Only these groups are searched (the user's groups, narrowed by in:). */
  groupIds: ReadonlySet<string>;
  limit: number;
}

const STORED: (keyof SearchDocument)[] = ['groupId', 'msgId', 'seq', 'sender', 'time', 'body', 'code', 'hasCode', 'hasFile', 'threadRoot', 'editedAt'];

const OPTIONS: Options<SearchDocument> = {
  idField: 'id',
  fields: ['body', 'code'],
  storeFields: STORED,
  tokenize,
  processTerm: foldTerm,
};

type Stored = Omit<SearchDocument, 'id'>;

export class SearchIndex {
  private constructor(private readonly index: MiniSearch<SearchDocument>) {}

  static empty(): SearchIndex {
    return new SearchIndex(new MiniSearch(OPTIONS));
  }

  /** From `toJSON()`'s output; throws on anything MiniSearch cannot read. */
  static fromJSON(plain: unknown): SearchIndex {
    return new SearchIndex(MiniSearch.loadJS(plain as AsPlainObject, OPTIONS));
  }

  toJSON(): AsPlainObject {
    return this.index.toJSON();
  }

  get size(): number {
    return this.index.documentCount;
  }

  get(id: string): Stored | undefined {
    return this.index.getStoredFields(id) as Stored | undefined;
  }

  /** Every document held, e.g. to carry them into an index loaded later. */
  documents(): SearchDocument[] {
    return this.index.search(MiniSearch.wildcard).map((r) => ({ ...(this.get(r.id as string) as Stored), id: r.id as string }));
  }

  /** Adds a document, or replaces the one with its id. False when nothing changed. */
  put(doc: SearchDocument): boolean {
    const held = this.get(doc.id);
    if (held) {
      if (sameDocument(held, doc)) return false;
      this.index.replace(doc);
    } else {
      this.index.add(doc);
    }
    return true;
  }

  remove(id: string): boolean {
    if (!this.index.has(id)) return false;
    this.index.discard(id);
    return true;
  }

  /** Every document of a group, e.g. one the user left. */
  removeGroup(groupId: string): number {
    const ids: string[] = [];
    for (const result of this.index.search(MiniSearch.wildcard, { filter: (r) => r.groupId === groupId })) ids.push(result.id as string);
    if (ids.length) this.index.discardAll(ids);
    return ids.length;
  }

  query(query: SearchQuery, scope: IndexQueryScope): SearchHit[] {
    const words = [...query.words, ...query.phrases];
    const terms = words.flatMap((w) => tokenize(w)).map(foldTerm).filter((t): t is string => t !== null);
    // Words that are all punctuation have no term: such a query finds nothing, not everything.
    if (words.length > 0 && terms.length === 0) return [];
    const lastTerm = terms.length - 1;
    const filter = (r: IndexResult) => matchesFilters(r as IndexResult & Stored, query, scope);
    const results = terms.length
      ? this.index.search(terms.join(' '), { combineWith: 'AND', prefix: (_term, i) => query.prefixLast && i === lastTerm, filter })
      : this.index.search(MiniSearch.wildcard, { filter });
    const phrases = query.phrases.map(phraseKey).filter(Boolean);
    const hits: SearchHit[] = [];
    const sorted = (results as (IndexResult & Stored)[]).sort((a, b) => b.score - a.score || b.time - a.time);
    for (const r of sorted) {
      if (phrases.length && !phrases.every((p) => ` ${phraseKey(textOf(r))} `.includes(` ${p} `))) continue;
      hits.push(toHit(r));
      if (hits.length >= scope.limit) break;
    }
    return hits;
  }
}

function matchesFilters(r: IndexResult & Stored, query: SearchQuery, scope: IndexQueryScope): boolean {
  if (!scope.groupIds.has(r.groupId)) return false;
  if (query.from.length && !query.from.includes(r.sender.toLowerCase())) return false;
  if (query.hasCode && !r.hasCode) return false;
  if (query.hasFile && !r.hasFile) return false;
  if (query.after !== undefined && r.time < query.after) return false;
  if (query.before !== undefined && r.time >= query.before) return false;
  return true;
}

/** A phrase as its folded terms in order, one space between, to compare with a message's. */
function phraseKey(text: string): string {
  return tokenSpans(text).map((s) => s.term).filter(Boolean).join(' ');
}

function toHit(r: IndexResult & Stored): SearchHit {
  return {
    groupId: r.groupId,
    msgId: r.msgId,
    seq: r.seq,
    sender: r.sender,
    time: new Date(r.time).toISOString(),
    ...(r.threadRoot ? { threadRoot: r.threadRoot } : {}),
    score: r.score,
    excerpt: excerptOf(textOf(r), new Set(r.terms)),
  };
}

function textOf(doc: Pick<Stored, 'body' | 'code'>): string {
  return doc.code ? `${doc.body}\n${doc.code}` : doc.body;
}

function sameDocument(held: Stored, doc: SearchDocument): boolean {
  return STORED.every((key) => held[key as keyof Stored] === doc[key]);
}
