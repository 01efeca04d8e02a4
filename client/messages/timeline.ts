// One group's messages as a reader sees them: each seq once (live events, catch-up and
// history pages may all deliver the same message); edits, deletes and reactions folded into
// the message they target whatever order they arrive in (a reaction sent twice is taken
// back); and key generations held to their order: a group's generation only goes up, so a
// verified message under an older generation than one verified before it is marked
// stale-key (a removed member still holds the old key, and a server that breaks its own rule
// could store what he seals with it). Pure: no I/O, no crypto.

import { foldResolve } from '../discussions/discussion-fold';
import type { ChatMessage } from './chat-message';

export interface TimelineChanges {
  /** Messages a reader sees that were not there before. */
  added: ChatMessage[];
  /** Visible messages changed by an edit, delete or reaction. */
  updated: ChatMessage[];
}

const FOLDED_KINDS = new Set(['edit', 'delete', 'reaction', 'resolve']);

/** Edits, deletes, reactions and resolves that verified are folded into their target, not shown alone. */
function isFolded(message: ChatMessage): boolean {
  return message.status === 'ok' && message.kind !== undefined && FOLDED_KINDS.has(message.kind) && message.target !== undefined;
}

export class Timeline {
  private readonly bySeq = new Map<number, ChatMessage>();
  private readonly byMsgId = new Map<string, ChatMessage>();
  /** Folded messages by the msgId they target, kept so a target arriving later still gets them. */
  private readonly foldedByTarget = new Map<string, ChatMessage[]>();
  /** What each sender wrote first, so edits are re-applied from it and never on top of each other. */
  private readonly originals = new Map<string, Pick<ChatMessage, 'body' | 'snippet' | 'file' | 'diff'>>();
  private highestSeq = 0;
  /** The highest generation among verified messages held. */
  private highestGeneration = 0;

  get lastSeq(): number {
    return this.highestSeq;
  }

  /** The lowest seq held, for paging back through history. */
  get firstSeq(): number | undefined {
    let first: number | undefined;
    for (const seq of this.bySeq.keys()) if (first === undefined || seq < first) first = seq;
    return first;
  }

  has(seq: number): boolean {
    return this.bySeq.has(seq);
  }

  insert(messages: readonly ChatMessage[]): TimelineChanges {
    const changes: TimelineChanges = { added: [], updated: [] };
    const entries = this.newEntries(messages);
    if (entries.length === 0) return changes;
    if ((entries[0] as ChatMessage).seq > this.highestSeq) {
      // After everything held (the live case): checked against the highest generation so far.
      this.highestGeneration = walkGenerations(entries, markStale, this.highestGeneration);
    } else {
      this.flagStaleGenerations(entries, changes);
    }
    for (const entry of entries) {
      this.bySeq.set(entry.seq, entry);
      this.byMsgId.set(entry.msgId, entry);
      this.highestSeq = Math.max(this.highestSeq, entry.seq);
      if (isFolded(entry)) {
        const target = entry.target as string;
        this.foldedByTarget.set(target, [...(this.foldedByTarget.get(target) ?? []), entry]);
        const targetEntry = this.byMsgId.get(target);
        if (targetEntry && !isFolded(targetEntry) && this.refold(targetEntry)) changes.updated.push(targetEntry);
      } else {
        this.refold(entry);
        changes.added.push(entry);
      }
    }
    // A message added and updated in the same batch is reported once, as added.
    changes.updated = changes.updated.filter((m, i, all) => !changes.added.includes(m) && all.indexOf(m) === i);
    return changes;
  }

  /** Copies of the messages not held yet, each seq and msgId once, in seq order. */
  private newEntries(messages: readonly ChatMessage[]): ChatMessage[] {
    const seqs = new Set<number>();
    const ids = new Set<string>();
    const entries: ChatMessage[] = [];
    for (const m of messages) {
      if (this.bySeq.has(m.seq) || this.byMsgId.has(m.msgId) || seqs.has(m.seq) || ids.has(m.msgId)) continue;
      seqs.add(m.seq);
      ids.add(m.msgId);
      entries.push({ ...m });
    }
    return entries.sort((a, b) => a.seq - b.seq);
  }

  /**
   * For entries landing before or among those held (history read backwards): marks each
   * verified message whose generation is below one verified before it, and takes marked
   * edits, deletes and reactions held back out of their targets. A mark is never lifted:
   * more history can only raise the generation in force before a message.
   */
  private flagStaleGenerations(entries: readonly ChatMessage[], changes: TimelineChanges): void {
    const markHeld = (m: ChatMessage, newer: number) => this.markHeldStale(m, newer, changes);
    if ((entries[entries.length - 1] as ChatMessage).seq < (this.firstSeq ?? Infinity)) {
      // A page from before everything held, the usual case: held messages were checked
      // against each other already, so each is only compared with the page's highest.
      const highest = walkGenerations(entries, markStale);
      for (const m of this.bySeq.values()) if (m.status === 'ok' && m.generation < highest) markHeld(m, highest);
      this.highestGeneration = Math.max(this.highestGeneration, highest);
      return;
    }
    const incoming = new Set(entries);
    const all = [...this.bySeq.values(), ...entries].sort((a, b) => a.seq - b.seq);
    const highest = walkGenerations(all, (m, newer) => (incoming.has(m) ? markStale(m, newer) : markHeld(m, newer)));
    this.highestGeneration = Math.max(this.highestGeneration, highest);
  }

  /** Marks a message already held as stale, and if it was folded into a target, unfolds it. */
  private markHeldStale(m: ChatMessage, newer: number, changes: TimelineChanges): void {
    const wasFolded = isFolded(m);
    markStale(m, newer);
    changes.updated.push(m);
    if (!wasFolded) return;
    const target = m.target as string;
    this.foldedByTarget.set(target, (this.foldedByTarget.get(target) ?? []).filter((f) => f !== m));
    const targetEntry = this.byMsgId.get(target);
    if (targetEntry && !isFolded(targetEntry) && this.refold(targetEntry)) changes.updated.push(targetEntry);
  }

  /**
   * Visible messages in order of seq. A thread reply shows in its thread, not here, unless
   * sent also to the group, or unless it names as root a message that is itself a reply
   * (no thread is opened on a reply, so it would be shown nowhere).
   */
  messages(): ChatMessage[] {
    return [...this.bySeq.values()].filter((m) => !isFolded(m) && !this.isThreadOnly(m)).sort((a, b) => a.seq - b.seq);
  }

  /** Every message that is not a change folded into another, thread replies included, in seq order. */
  everything(): ChatMessage[] {
    return [...this.bySeq.values()].filter((m) => !isFolded(m)).sort((a, b) => a.seq - b.seq);
  }

  private isThreadOnly(m: ChatMessage): boolean {
    return m.status === 'ok' && m.threadRoot !== undefined && !m.alsoToGroup && this.byMsgId.get(m.threadRoot)?.threadRoot === undefined;
  }

  get(msgId: string): ChatMessage | undefined {
    return this.byMsgId.get(msgId);
  }

  /**
   * Recomputes a message from its original content plus every edit, delete and reaction
   * aimed at it, in seq order. Only the sender may edit or delete their message.
   */
  private refold(target: ChatMessage): boolean {
    const folded = (this.foldedByTarget.get(target.msgId) ?? []).slice().sort((a, b) => a.seq - b.seq);
    if (target.status !== 'ok' || (folded.length === 0 && !this.originals.has(target.msgId))) return false;
    const before = JSON.stringify(target);
    let base = this.originals.get(target.msgId);
    if (!base) {
      base = { body: target.body, snippet: target.snippet, file: target.file, diff: target.diff };
      this.originals.set(target.msgId, base);
    }
    target.body = base.body;
    if (base.snippet) target.snippet = base.snippet;
    if (base.file) target.file = base.file;
    if (base.diff) target.diff = base.diff;
    delete target.editedAt;
    delete target.deleted;
    delete target.reactions;
    delete target.discussion;
    for (const change of folded) {
      if (change.kind === 'reaction') {
        toggleReaction(target, change.body as string, change.sender);
        continue;
      }
      if (change.kind === 'resolve') {
        foldResolve(target, change);
        continue;
      }
      if (change.sender !== target.sender || target.deleted) continue;
      if (change.kind === 'edit') {
        target.body = change.body;
        target.editedAt = change.createdAt;
      } else if (change.kind === 'delete') {
        target.deleted = true;
        target.body = '';
        delete target.snippet;
        delete target.file;
        delete target.diff;
      }
    }
    return JSON.stringify(target) !== before;
  }
}

/**
 * Walks messages in seq order from a generation already in force; calls `stale` for each
 * verified message under a lower generation than one verified before it. Returns the highest.
 */
function walkGenerations(ordered: Iterable<ChatMessage>, stale: (m: ChatMessage, newer: number) => void, from = 0): number {
  let highest = from;
  for (const m of ordered) {
    if (m.status !== 'ok') continue;
    if (m.generation >= highest) highest = m.generation;
    else stale(m, highest);
  }
  return highest;
}

/** Hides a verified message's content and says why: its key generation went back. */
function markStale(message: ChatMessage, newer: number): void {
  message.status = 'stale-key';
  message.problem = `Sent under key generation ${message.generation} after generation ${newer} was in use: it may come from a removed member.`;
  delete message.body;
  delete message.snippet;
  delete message.file;
  delete message.diff;
  delete message.replyTo;
  delete message.threadRoot;
  delete message.alsoToGroup;
  delete message.editedAt;
  delete message.deleted;
  delete message.reactions;
  delete message.discussion;
}

/**
 * A reaction toggles: the same sender sending the same reaction again takes it back. The
 * reaction text is the sender's choice ("__proto__", "constructor"), so it is counted in a
 * Map, never looked up as an object key; the record ChatMessage carries is built from the
 * Map with own properties only (Object.fromEntries defines "__proto__" as a plain key).
 */
function toggleReaction(target: ChatMessage, reaction: string, sender: string): void {
  const reactions = new Map(Object.entries(target.reactions ?? {}));
  const who = reactions.get(reaction) ?? [];
  if (who.includes(sender)) {
    const rest = who.filter((u) => u !== sender);
    if (rest.length) reactions.set(reaction, rest);
    else reactions.delete(reaction);
  } else {
    reactions.set(reaction, [...who, sender]);
  }
  if (reactions.size === 0) delete target.reactions;
  else target.reactions = Object.fromEntries(reactions);
}
