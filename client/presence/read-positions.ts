// How far each member of a group has read, as the server says (members' readSeq in the group
// view, and live read events). Only for members of the verified group, and only forward while
// shared: a stale view cannot take a position back, a withheld one goes. A claim: the panel
// says "the server says".

import type { Group } from '../groups/verified-group';

export class ReadPositions {
  private readonly reads = new Map<string, Map<string, number>>();

  /** From the group views; the ids of the groups whose positions changed. */
  fromGroups(groups: Group[]): string[] {
    const changed: string[] = [];
    const ids = new Set(groups.map((g) => g.id));
    for (const id of [...this.reads.keys()]) if (!ids.has(id)) this.reads.delete(id);
    for (const group of groups) {
      const before = this.reads.get(group.id);
      const next = new Map<string, number>();
      for (const member of group.members) {
        // Absent from the view: withheld (read receipts turned off), so it goes.
        const seq = member.readSeq === undefined ? -1 : Math.max(member.readSeq, before?.get(member.username) ?? -1);
        if (seq >= 0) next.set(member.username, seq);
      }
      if (!sameReads(before, next)) changed.push(group.id);
      if (next.size > 0) this.reads.set(group.id, next);
      else this.reads.delete(group.id);
    }
    return changed;
  }

  /** A live read event from a member; false if it changed nothing. */
  heard(group: Group, username: string, seq: number): boolean {
    if (!group.members.some((m) => m.username === username)) return false;
    let reads = this.reads.get(group.id);
    if ((reads?.get(username) ?? -1) >= seq) return false;
    if (!reads) this.reads.set(group.id, (reads = new Map()));
    reads.set(username, seq);
    return true;
  }

  of(groupId: string): ReadonlyMap<string, number> {
    return this.reads.get(groupId) ?? new Map();
  }

  clear(): string[] {
    const ids = [...this.reads.keys()];
    this.reads.clear();
    return ids;
  }
}

function sameReads(a: ReadonlyMap<string, number> | undefined, b: ReadonlyMap<string, number>): boolean {
  if ((a?.size ?? 0) !== b.size) return false;
  for (const [username, seq] of b) if (a?.get(username) !== seq) return false;
  return true;
}
