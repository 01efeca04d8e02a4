// Members by group for typing and presence frames, so a frame costs no query: entries live
// a short while and go as soon as a membership event for the group passes through this
// process (from any process, by the event bus). A removed member may hear a typing frame
// for the time that event takes to arrive, never longer than the entry lives.

const MAX_GROUPS = 10_000;
const ENTRY_MS = 30_000;

export class GroupMemberCache {
  private readonly entries = new Map<string, { members: ReadonlySet<string>; until: number }>();

  constructor(private readonly load: (groupId: string) => Promise<ReadonlySet<string>>, private readonly now: () => number = Date.now) {}

  /** The cached members, or undefined when they must be loaded. */
  peek(groupId: string): ReadonlySet<string> | undefined {
    const entry = this.entries.get(groupId);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.members;
    this.entries.delete(groupId);
    return undefined;
  }

  async get(groupId: string): Promise<ReadonlySet<string>> {
    const cached = this.peek(groupId);
    if (cached) return cached;
    const members = await this.load(groupId);
    if (this.entries.size >= MAX_GROUPS) this.entries.clear();
    this.entries.set(groupId, { members, until: this.now() + ENTRY_MS });
    return members;
  }

  forget(groupId: string): void {
    this.entries.delete(groupId);
  }
}
