// Search across every group the user is in, on this device only. The index takes what the
// timelines take (live messages, catch-up and history pages alike): a verified message is
// indexed, an edit re-indexes it, a delete or a stale-key mark takes it out, and a group the
// user leaves (or is removed from, or that is deleted) goes with everything of it. Another
// member's removal changes nothing here. Saved sealed (sealed-index-file.ts), a few seconds
// after a change and on close; the server is never asked anything to search.

import type { ChatMessage } from '../messages/chat-message';
import type { Timeline, TimelineChanges } from '../messages/timeline';
import { hasFencedCode, searchFields, timeOf, type SearchDocument } from './search-fields';
import { SearchIndex, type SearchHit } from './search-index';
import { isEmptyQuery, parseSearchQuery } from './search-query';
import { readDocuments, saveDocuments } from './saved-documents';
import { SealedIndexFile, type IndexOwner, type UnreadableIndex } from './sealed-index-file';

export interface SearchResult extends SearchHit {
  groupName: string;
}

export interface SearchGroup {
  id: string;
  name: string;
}

/** Results one search returns at most, unless asked for more. */
export const SEARCH_LIMIT = 50;
const SAVE_DELAY_MS = 3_000;
const SAVE_DUTY = 20;

type Change = { put?: SearchDocument; remove?: string; forget?: string; unheld?: ChatMessage };

export class MessageSearch {
  private index = SearchIndex.empty();
  private file: SealedIndexFile | undefined;
  /** While persistTo indexes the file: the changes made meanwhile, to make again on top of it. */
  private during: Change[] | undefined;
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private changed = false;
  /** How long the last save held the thread (serializing): a big index is saved less often. */
  private lastSaveMs = 0;

  constructor(
    private readonly owner: IndexOwner,
    /** The groups the user is in now: only they are searched, and in: names them. */
    private readonly groups: () => readonly SearchGroup[],
    private readonly failed: (error: unknown) => void,
    private readonly saveDelayMs = SAVE_DELAY_MS,
  ) {}

  /** Messages indexed. */
  get size(): number {
    return this.index.size;
  }

  /**
   * Keeps the index in `file` from now on, starting from what the file holds if it is this
   * account's and undamaged (else the file is replaced). Indexing what the file holds takes a
   * while for a big index, a chunk at a time: search answers from what is indexed so far, and
   * what arrives meanwhile is indexed and wins over the file.
   */
  async persistTo(file: string): Promise<'loaded' | UnreadableIndex> {
    const sealed = new SealedIndexFile(file, this.owner);
    this.file = sealed;
    // What was indexed before, and what comes while the file is read and indexed, is made
    // again on top of it, in order.
    const during: Change[] = this.index.documents().map((put) => ({ put }));
    this.during = during;
    let loaded: SearchIndex;
    try {
      const read = await sealed.read();
      if ('unreadable' in read) {
        if (read.unreadable !== 'missing') this.markChanged();
        return read.unreadable;
      }
      try {
        loaded = await SearchIndex.build(readDocuments(read.json));
      } catch {
        this.markChanged();
        return 'damaged';
      }
    } finally {
      if (this.during === during) this.during = undefined;
    }
    // Erased or moved to another file meanwhile: this one is not wanted any more.
    if (this.file !== sealed) return 'loaded';
    for (const change of during) {
      if (change.put) loaded.put(change.put);
      else if (change.remove) loaded.remove(change.remove);
      else if (change.forget) loaded.removeGroup(change.forget);
      else if (change.unheld) this.applyToUnheld(change.unheld, loaded);
    }
    this.index = loaded;
    return 'loaded';
  }

  /** What a timeline delivery added or changed (from Timelines, for every delivery, announced or not). */
  take(timeline: Timeline, incoming: readonly ChatMessage[], changes: TimelineChanges): void {
    for (const message of [...changes.added, ...changes.updated]) this.indexMessage(message);
    for (const raw of incoming) {
      if (raw.kind !== 'edit' && raw.kind !== 'delete') continue;
      // The timeline's copy: its status is the one the timeline settled on (it may be stale-key).
      const change = timeline.get(raw.msgId);
      // A target the timeline holds was re-folded and came in `changes`; one it does not hold
      // (an index saved in an earlier session) is changed here, as the timeline would.
      if (change?.status === 'ok' && change.target && !timeline.get(change.target)) this.applyToUnheld(change);
    }
  }

  /** The user is no longer in the group (left, removed, or it was deleted). */
  forgetGroup(groupId: string): void {
    this.during?.push({ forget: groupId });
    if (this.index.removeGroup(groupId)) this.markChanged();
  }

  search(text: string, options: { limit?: number } = {}): SearchResult[] {
    const query = parseSearchQuery(text);
    if (isEmptyQuery(query)) return [];
    const groups = this.groups();
    const names = new Map(groups.map((g) => [g.id, g.name]));
    const groupIds = new Set(query.in.length ? query.in.flatMap((name) => groupsNamed(groups, name)) : names.keys());
    const limit = Math.max(1, Math.min(options.limit ?? SEARCH_LIMIT, 500));
    return this.index.query(query, { groupIds, limit }).map((hit) => ({ ...hit, groupName: names.get(hit.groupId) ?? hit.groupId }));
  }

  /** Writes a pending change now. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const file = this.file;
    if (!file || !this.changed) return this.saving;
    this.changed = false;
    const started = Date.now();
    const json = saveDocuments(this.index.documents());
    this.lastSaveMs = Date.now() - started;
    this.saving = this.saving.then(() => file.write(json)).catch((error: unknown) => {
      this.changed = true;
      this.failed(error);
    });
    return this.saving;
  }

  /** Flushes and stops saving: for a lock or the end of a command. */
  async close(): Promise<void> {
    await this.flush();
    this.file = undefined;
  }

  /** Sign-out: the index and its file go. */
  async erase(): Promise<void> {
    this.during = undefined;
    const file = this.file;
    clearTimeout(this.timer);
    this.file = undefined;
    this.changed = false;
    this.index = SearchIndex.empty();
    await this.saving;
    await file?.erase();
  }

  private indexMessage(message: ChatMessage): void {
    const doc = searchFields(message);
    const id = `${message.groupId}/${message.msgId}`;
    this.during?.push(doc ? { put: doc } : { remove: id });
    const done = doc ? this.index.put(doc) : this.index.remove(id);
    if (done) this.markChanged();
  }

  /** An edit or delete, verified, of a message only the index holds: only its sender's count. */
  private applyToUnheld(change: ChatMessage, index = this.index): void {
    if (index === this.index) this.during?.push({ unheld: change });
    const id = `${change.groupId}/${change.target}`;
    const held = index.get(id);
    if (!held || held.sender !== change.sender) return;
    if (change.kind === 'delete') {
      index.remove(id);
      this.markChanged();
      return;
    }
    const editedAt = timeOf(change.createdAt);
    if (editedAt <= held.editedAt) return;
    const body = change.body ?? '';
    // Code beside the body (a snippet) stays; code in the body is what the new body says.
    const hasCode = hasFencedCode(body) || (held.hasCode && !hasFencedCode(held.body));
    const doc: SearchDocument = { ...held, id, body, hasCode, editedAt };
    if (index.put(doc)) this.markChanged();
  }

  private markChanged(): void {
    this.changed = true;
    if (!this.file || this.timer) return;
    // At most ~5% of the time spent saving: 100,000 messages serialize in about a second.
    this.timer = setTimeout(() => void this.flush(), Math.max(this.saveDelayMs, this.lastSaveMs * SAVE_DUTY));
    this.timer.unref?.();
  }
}

/** Groups an in: value names: the id, else the name (any case), else names that start with it. */
function groupsNamed(groups: readonly SearchGroup[], value: string): string[] {
  const lower = value.toLowerCase();
  const exact = groups.filter((g) => g.id === value || g.name.toLowerCase() === lower);
  return (exact.length ? exact : groups.filter((g) => g.name.toLowerCase().startsWith(lower))).map((g) => g.id);
}
