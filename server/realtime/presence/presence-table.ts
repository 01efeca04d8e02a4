// Who is online, across server processes. Each process knows its own sockets; it tells the
// others, by the event bus, each user's summary there ('active', 'away' or 'none') when it
// changes and again every ANNOUNCE_MS, and forgets another process's word REMOTE_MS after
// it last heard it (a process that died stops being heard). Nothing of it is stored.

import type { Presence } from '../../../common/api';

export type Summary = 'active' | 'away' | 'none';
export const ANNOUNCE_MS = 20_000;
const REMOTE_MS = 3 * ANNOUNCE_MS;

export function presenceOf(summaries: Iterable<Summary>): Presence {
  let away = false;
  for (const summary of summaries) {
    if (summary === 'active') return 'online';
    if (summary === 'away') away = true;
  }
  return away ? 'away' : 'offline';
}

export class PresenceTable {
  /** By username, then by process: what that process last said, and until when it holds. */
  private readonly remote = new Map<string, Map<string, { summary: Exclude<Summary, 'none'>; until: number }>>();

  constructor(private readonly local: (username: string) => Summary, private readonly now: () => number = Date.now) {}

  hear(origin: string, username: string, summary: Summary): void {
    let byOrigin = this.remote.get(username);
    if (summary === 'none') {
      byOrigin?.delete(origin);
      if (byOrigin?.size === 0) this.remote.delete(username);
      return;
    }
    if (!byOrigin) this.remote.set(username, (byOrigin = new Map()));
    byOrigin.set(origin, { summary, until: this.now() + REMOTE_MS });
  }

  presence(username: string): Presence {
    const now = this.now();
    const summaries: Summary[] = [this.local(username)];
    for (const entry of this.remote.get(username)?.values() ?? []) if (entry.until > now) summaries.push(entry.summary);
    return presenceOf(summaries);
  }

  /** Drops what expired; the users it was about, whose presence may have changed. */
  sweep(): string[] {
    const now = this.now();
    const touched: string[] = [];
    for (const [username, byOrigin] of this.remote) {
      for (const [origin, entry] of byOrigin) {
        if (entry.until > now) continue;
        byOrigin.delete(origin);
        touched.push(username);
      }
      if (byOrigin.size === 0) this.remote.delete(username);
    }
    return touched;
  }
}
