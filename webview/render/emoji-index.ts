// The emoji the panel offers, from emojilib: each emoji in Unicode's order with its name and the
// words people search for it by ("yes", "+1" and "agree" find 👍). Only the one JSON file is
// bundled: names and keywords, no images, since the emoji are text.
import emojilib from 'emojilib';

export interface Emoji {
  readonly emoji: string;
  /** "thumbs up" */
  readonly name: string;
  readonly keywords: readonly string[];
}

export const EMOJI: readonly Emoji[] = Object.entries(emojilib).map(([emoji, [slug = '', ...keywords]]) => ({
  emoji,
  name: slug.replace(/_/g, ' '),
  keywords: keywords.map((k) => k.toLowerCase()),
}));

const BY_EMOJI = new Map(EMOJI.map((e) => [e.emoji, e]));

/**
 * The emoji that match `query`, best first: the recently used ones (in the order given), then a
 * name that starts with it, a word of the name that does, a keyword that does, and last a name or
 * keyword that merely contains it. An empty query gives the recent ones, then all in order.
 */
export function searchEmoji(query: string, recent: readonly string[] = []): Emoji[] {
  const q = query.toLowerCase().replace(/[\s_]+/g, ' ').trim();
  const first = recent.map((r) => BY_EMOJI.get(r)).filter((e): e is Emoji => !!e && rank(e, q) >= 0);
  const seen = new Set(first.map((e) => e.emoji));
  const ranked = EMOJI.filter((e) => !seen.has(e.emoji))
    .map((e) => ({ e, r: rank(e, q) }))
    .filter((x) => x.r >= 0);
  // Array.prototype.sort is stable, so each rank keeps Unicode's order.
  return [...first, ...ranked.sort((a, b) => a.r - b.r).map((x) => x.e)];
}

function rank(e: Emoji, q: string): number {
  if (!q || e.name.startsWith(q)) return 0;
  if (e.name.includes(` ${q}`)) return 1;
  if (e.keywords.some((k) => k.startsWith(q))) return 2;
  if (e.name.includes(q)) return 3;
  if (e.keywords.some((k) => k.includes(q))) return 4;
  return -1;
}
