// Unread counts per group between the server's snapshots: the server's count at the last
// snapshot, live messages from others since, and how far this device has read. Mentions of the
// user are kept apart, since a "Mentions only" group counts only those. The server's count says
// nothing of mentions (it never sees the text), so only mentions that arrived here are known.
import type { GroupView } from '../common/api';

interface GroupUnread {
  /** The server's count at the last snapshot of the group. */
  base: number;
  baseLastSeq: number;
  /** Live messages from others after that snapshot. */
  live: Set<number>;
  /** Messages from others that arrived here and mention the user. */
  mentions: Set<number>;
  /** Read locally up to here (the server learns it too, but its snapshot may lag). */
  readUpTo: number;
}

/** What one arriving message from another member is, for the counts. */
export interface Arrival {
  seq: number;
  isNew: boolean;
  isMine: boolean;
  mentionsMe: boolean;
}

export class UnreadTracker {
  private readonly groups = new Map<string, GroupUnread>();

  snapshot(groups: GroupView[]): void {
    const seen = new Set<string>();
    for (const g of groups) {
      seen.add(g.id);
      const old = this.groups.get(g.id);
      const readUpTo = Math.max(g.readSeq, old?.readUpTo ?? 0);
      const live = new Set([...(old?.live ?? [])].filter((seq) => seq > g.lastSeq));
      const mentions = new Set([...(old?.mentions ?? [])].filter((seq) => seq > readUpTo));
      this.groups.set(g.id, { base: g.unread, baseLastSeq: g.lastSeq, live, mentions, readUpTo });
    }
    for (const id of [...this.groups.keys()]) if (!seen.has(id)) this.groups.delete(id);
  }

  /** True when the message is news the user has not read: it counts, and may notify. */
  arrived(groupId: string, m: Arrival): boolean {
    const s = this.groups.get(groupId);
    if (!s || m.isMine) return false;
    // An edit can add or take away a mention; a deleted message mentions nobody.
    if (m.mentionsMe && m.seq > s.readUpTo) s.mentions.add(m.seq);
    else if (!m.mentionsMe) s.mentions.delete(m.seq);
    if (!m.isNew || m.seq <= s.readUpTo) return false;
    if (m.seq > s.baseLastSeq) s.live.add(m.seq);
    return true;
  }

  /** False when it changed nothing. */
  markRead(groupId: string, seq: number): boolean {
    const s = this.groups.get(groupId);
    if (!s || seq <= s.readUpTo) return false;
    const before = [this.unreadOf(groupId), this.mentionsOf(groupId)];
    s.readUpTo = seq;
    return this.unreadOf(groupId) !== before[0] || this.mentionsOf(groupId) !== before[1];
  }

  readUpTo(groupId: string): number {
    return this.groups.get(groupId)?.readUpTo ?? 0;
  }

  unreadOf(groupId: string): number {
    const s = this.groups.get(groupId);
    if (!s) return 0;
    const base = s.readUpTo >= s.baseLastSeq ? 0 : s.base;
    return base + countAfter(s.live, s.readUpTo);
  }

  mentionsOf(groupId: string): number {
    const s = this.groups.get(groupId);
    return s ? countAfter(s.mentions, s.readUpTo) : 0;
  }
}

function countAfter(seqs: Set<number>, readUpTo: number): number {
  let n = 0;
  for (const seq of seqs) if (seq > readUpTo) n++;
  return n;
}
