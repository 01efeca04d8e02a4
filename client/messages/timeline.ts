// One group's messages as a reader sees them: each seq once (live events, catch-up and
// history pages may all deliver the same message), edits, deletes and reactions folded into
// the message they target whatever order they arrive in. Pure: no I/O, no crypto.

import type { ChatMessage } from './chat-message';

export interface TimelineChanges {
  /** Messages a reader sees that were not there before. */
  added: ChatMessage[];
  /** Visible messages changed by an edit, delete or reaction. */
  updated: ChatMessage[];
}

const FOLDED_KINDS = new Set(['edit', 'delete', 'reaction']);

/** Edits, deletes and reactions that verified are folded into their target, not shown alone. */
function isFolded(message: ChatMessage): boolean {
  return message.status === 'ok' && message.kind !== undefined && FOLDED_KINDS.has(message.kind) && message.target !== undefined;
}

export class Timeline {
  private readonly bySeq = new Map<number, ChatMessage>();
  private readonly byMsgId = new Map<string, ChatMessage>();
  /** Folded messages by the msgId they target, kept so a target arriving later still gets them. */
  private readonly foldedByTarget = new Map<string, ChatMessage[]>();
  /** What each sender wrote first, so edits are re-applied from it and never on top of each other. */
  private readonly originals = new Map<string, Pick<ChatMessage, 'body' | 'snippet'>>();
  private highestSeq = 0;

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
    for (const message of messages) {
      if (this.bySeq.has(message.seq) || this.byMsgId.has(message.msgId)) continue;
      const entry = { ...message };
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

  /** Visible messages in order of seq. */
  messages(): ChatMessage[] {
    return [...this.bySeq.values()].filter((m) => !isFolded(m)).sort((a, b) => a.seq - b.seq);
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
    if (folded.length === 0 || target.status !== 'ok') return false;
    const before = JSON.stringify(target);
    let base = this.originals.get(target.msgId);
    if (!base) {
      base = { body: target.body, snippet: target.snippet };
      this.originals.set(target.msgId, base);
    }
    target.body = base.body;
    if (base.snippet) target.snippet = base.snippet;
    delete target.editedAt;
    delete target.deleted;
    delete target.reactions;
    for (const change of folded) {
      if (change.kind === 'reaction') {
        const reactions = (target.reactions ??= {});
        const who = (reactions[change.body as string] ??= []);
        if (!who.includes(change.sender)) who.push(change.sender);
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
      }
    }
    return JSON.stringify(target) !== before;
  }
}
