// Search results as Quick Pick items. What a member wrote is shown as text: VS Code draws
// "$(name)" in a label, description or detail as an icon, so "$(" is split by an invisible
// word joiner; control and bidi characters (which could hide or reorder what is shown) go.
import type { SearchResult } from '../client';

export interface SearchPickItem {
  label: string;
  description: string;
  detail?: string;
  /** Shown whatever VS Code's own filter thinks of the typed text: the query is ours to read. */
  alwaysShow: true;
  ref: { groupId: string; msgId: string };
}

const UNSHOWABLE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function pickText(text: string): string {
  return text.replace(UNSHOWABLE, ' ').replaceAll('$(', '$\u2060(');
}

export function searchPickItems(results: readonly SearchResult[]): SearchPickItem[] {
  return results.map((r) => ({
    label: pickText(r.excerpt.text) || '(no text)',
    description: pickText(`${r.groupName} · ${r.sender} · ${r.time.replace('T', ' ').slice(0, 16)}`),
    alwaysShow: true,
    ref: { groupId: r.groupId, msgId: r.msgId },
  }));
}
