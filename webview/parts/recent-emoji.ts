// The emoji you used last, newest first, for the picker and the ":" list to offer first. The
// panel keeps them over a reload in its saved state (panel-memory.ts), as it keeps the outbox.

/** As many as fit the first rows of the picker. */
export const RECENT_EMOJI_MAX = 24;

export class RecentEmoji {
  private list: string[] = [];
  private readonly listeners = new Set<(recent: readonly string[]) => void>();

  get all(): readonly string[] {
    return this.list;
  }

  /** Hears of every change, for the panel to save the list. */
  onChange(listener: (recent: readonly string[]) => void): void {
    this.listeners.add(listener);
  }

  /** Puts back the list saved before a reload; anything in it that is not a short string goes. */
  restore(saved: unknown): void {
    if (!Array.isArray(saved)) return;
    const valid = saved.filter((e): e is string => typeof e === 'string' && e.length > 0 && e.length <= 32);
    this.list = [...new Set(valid)].slice(0, RECENT_EMOJI_MAX);
  }

  use(emoji: string): void {
    this.list = [emoji, ...this.list.filter((e) => e !== emoji)].slice(0, RECENT_EMOJI_MAX);
    for (const listener of this.listeners) listener(this.list);
  }
}
