// A search result as the panel is shown it: the fields it displays, nothing else of the index.
import type { SearchResult } from '../client';
import type { SearchResultView } from '../common/webview-protocol';

export function toSearchResultView(r: SearchResult): SearchResultView {
  return {
    groupId: r.groupId,
    groupName: r.groupName,
    msgId: r.msgId,
    seq: r.seq,
    ...(r.threadRoot ? { threadRoot: r.threadRoot } : {}),
    sender: r.sender,
    time: r.time,
    excerpt: { text: r.excerpt.text, ranges: r.excerpt.ranges.map(({ start, end }) => ({ start, end })) },
  };
}
