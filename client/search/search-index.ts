// The full-text index of the messages this client has decrypted and verified, over MiniSearch
// (lucaong/minisearch: BM25 ranking, prefix search, incremental add and discard, JSON
// serialisation). It holds documents (search-fields.ts) and answers a parsed query
// (search-query.ts) with hits sorted by relevance, then the newest first. Pure: no I/O.

import MiniSearch, { type Options, type SearchResult as IndexResult } from 'minisearch';
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

const FIELDS: (keyof SearchDocument)[] = ['groupId', 'msgId', 'seq', 'sender', 'time', 'body', 'code', 'hasCode', 'hasFile', 'threadRoot', 'editedAt'];

// MiniSearch holds the terms; the documents themselves are held beside it (`docs`), once.
const OPTIONS: Options<SearchDocument> = {
  idField: 'id',
  fields: ['body', 'code'],
  tokenize,
  processTerm: foldTerm,
};

/**
 * A word being typed matches as a prefix from its third character: "de" would expand to
 * most of a team's vocabulary and score most of its messages (seconds on 100,000 messages).
 */
const MIN_PREFIX_CHARS = 4;

export class SearchIndex {
  private readonly docs = new Map<string, SearchDocument>();

  private constructor(private readonly index: MiniSearch<SearchDocument>) {}

  static empty(): SearchIndex {
    return new SearchIndex(new MiniSearch(OPTIONS));
  }

  /**
   * An index of `docs`, built a chunk at a time so the thread stays free for other work
   * (the extension host). Saving the documents and indexing them again on load is what keeps
   * a save of a 100,000-message index to a fraction of a second: MiniSearch's own JSON is
   * several times the text and takes seconds to write (see `npm run bench -- --only search`).
   */
  static async build(docs: readonly SearchDocument[], chunkSize = 1000): Promise<SearchIndex> {
    const index = new SearchIndex(new MiniSearch(OPTIONS));
    for (const doc of docs) index.docs.set(doc.id, doc);
    await index.index.addAllAsync(docs, { chunkSize });
    return index;
  }

  get size(): number {
    return this.docs.size;
  }

  get(id: string): SearchDocument | undefined {
    return this.docs.get(id);
  }

  /** Every document held, e.g. to save them. */
  documents(): SearchDocument[] {
    return [...this.docs.values()];
  }

  /** Adds a document, or replaces the one with its id. False when nothing changed. */
  put(doc: SearchDocument): boolean {
    const held = this.docs.get(doc.id);
    if (held) {
      if (sameDocument(held, doc)) return false;
      this.index.replace(doc);
    } else {
      this.index.add(doc);
    }
    this.docs.set(doc.id, doc);
    return true;
  }

  remove(id: string): boolean {
    if (!this.docs.delete(id)) return false;
    this.index.discard(id);
    return true;
  }

  /** Every document of a group, e.g. one the user left. */
  removeGroup(groupId: string): number {
    const ids = [...this.docs.values()].filter((d) => d.groupId === groupId).map((d) => d.id);
    for (const id of ids) this.docs.delete(id);
    if (ids.length) this.index.discardAll(ids);
    return ids.length;
  }

  query(query: SearchQuery, scope: IndexQueryScope): SearchHit[] {
    const words = [...query.words, ...query.phrases];
    const terms = words.flatMap((w) => tokenize(w)).map(foldTerm).filter((t): t is string => t !== null);
    // Words that are all punctuation have no term: such a query finds nothing, not everything.
    if (words.length > 0 && terms.length === 0) return [];
    const lastTerm = terms.length - 1;
    const filter = (r: IndexResult) => matchesFilters(this.docs.get(r.id as string), query, scope);
    const results = terms.length
      ? this.index.search(terms.join(' '), { combineWith: 'AND', prefix: (term, i) => query.prefixLast && i === lastTerm && term.length >= MIN_PREFIX_CHARS, filter })
      : this.index.search(MiniSearch.wildcard, { filter });
    const phrases = query.phrases.map(phraseKey).filter(Boolean);
    // MiniSearch gives them by score: only the ties at the edge of what is shown need the
    // newest-first order, not all of a common word's tens of thousands of messages.
    const hits: SearchHit[] = [];
    let run: { r: IndexResult; doc: SearchDocument }[] = [];
    const flush = () => {
      run.sort((a, b) => b.doc.time - a.doc.time);
      for (const { r, doc } of run) if (hits.length < scope.limit) hits.push(toHit(doc, r));
      run = [];
    };
    for (const r of results) {
      if (run.length && r.score !== run[0]!.r.score) {
        flush();
        if (hits.length >= scope.limit) break;
      }
      const doc = this.docs.get(r.id as string) as SearchDocument;
      if (phrases.length && !phrases.every((p) => ` ${phraseKey(textOf(doc))} `.includes(` ${p} `))) continue;
      run.push({ r, doc });
    }
    flush();
    return hits;
  }
}

function matchesFilters(r: SearchDocument | undefined, query: SearchQuery, scope: IndexQueryScope): boolean {
  if (!r || !scope.groupIds.has(r.groupId)) return false;
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

function toHit(doc: SearchDocument, r: IndexResult): SearchHit {
  return {
    groupId: doc.groupId,
    msgId: doc.msgId,
    seq: doc.seq,
    sender: doc.sender,
    time: new Date(doc.time).toISOString(),
    ...(doc.threadRoot ? { threadRoot: doc.threadRoot } : {}),
    score: r.score,
    excerpt: excerptOf(textOf(doc), new Set(r.terms)),
  };
}

function textOf(doc: Pick<SearchDocument, 'body' | 'code'>): string {
  return doc.code ? `${doc.body}\n${doc.code}` : doc.body;
}

function sameDocument(held: SearchDocument, doc: SearchDocument): boolean {
  return FIELDS.every((key) => held[key] === doc[key]);
}
