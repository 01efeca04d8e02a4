// Who is typing in which group, as the server relays it: a name goes when its stop comes,
// when its message arrives, or TYPING_EXPIRES_MS after its last typing frame.

import { TYPING_EXPIRES_MS } from '../../common/api';
import { realClock, type Clock } from './clock';

export class TypingRoster {
  /** By group, then by username (in the order they started): cancels the expiry. */
  private readonly typing = new Map<string, Map<string, () => void>>();

  constructor(private readonly changed: (groupId: string) => void, private readonly clock: Clock = realClock) {}

  heard(groupId: string, username: string, typing: boolean): void {
    if (!typing) return this.stopped(groupId, username);
    let group = this.typing.get(groupId);
    if (!group) this.typing.set(groupId, (group = new Map()));
    const known = group.get(username);
    known?.();
    group.set(username, this.clock.after(TYPING_EXPIRES_MS, () => this.stopped(groupId, username)));
    if (!known) this.changed(groupId);
  }

  stopped(groupId: string, username: string): void {
    const group = this.typing.get(groupId);
    const cancel = group?.get(username);
    if (!group || !cancel) return;
    cancel();
    group.delete(username);
    if (group.size === 0) this.typing.delete(groupId);
    this.changed(groupId);
  }

  typers(groupId: string): string[] {
    return [...(this.typing.get(groupId)?.keys() ?? [])];
  }

  clear(): void {
    for (const [groupId, group] of [...this.typing]) for (const username of [...group.keys()]) this.stopped(groupId, username);
  }
}
