// Search results as the host hands them on: to the panel (the fields it shows) and to the
// Quick Pick (member text that VS Code would draw as icons, or reorder, made plain).
import * as assert from 'node:assert/strict';
import type { SearchResult } from '../../../client';
import { pickText, searchPickItems } from '../../../extension/search-pick-items';
import { toSearchResultView } from '../../../extension/search-result-view';

const result = (over: Partial<SearchResult> = {}): SearchResult => ({
  groupId: 'g', groupName: 'backend', msgId: 'a'.repeat(32), seq: 3, sender: 'bob', time: '2026-11-25T09:30:00.000Z', score: 4.2,
  excerpt: { text: 'the deploy failed', ranges: [{ start: 4, end: 10 }] }, ...over,
});

describe('search results on the host', () => {
  it('gives the panel what it shows and no score', () => {
    assert.deepEqual(toSearchResultView(result({ threadRoot: 'b'.repeat(32) })), {
      groupId: 'g', groupName: 'backend', msgId: 'a'.repeat(32), seq: 3, threadRoot: 'b'.repeat(32), sender: 'bob', time: '2026-11-25T09:30:00.000Z',
      excerpt: { text: 'the deploy failed', ranges: [{ start: 4, end: 10 }] },
    });
  });

  it("keeps a member's $(icon) syntax, controls and bidi marks out of the Quick Pick", () => {
    assert.equal(pickText('$(alert) pay $(x)'), '$\u2060(alert) pay $\u2060(x)');
    assert.equal(pickText('a\u202eb\nc\x1b'), 'a b c ');
    const [item] = searchPickItems([result({ groupName: '$(zap)', sender: 'eve\u202e', excerpt: { text: '$(sync~spin) ok', ranges: [] } })]);
    assert.equal(item?.label, '$\u2060(sync~spin) ok');
    assert.equal(item?.description, '$\u2060(zap) · eve  · 2026-11-25 09:30');
    assert.deepEqual(item?.ref, { groupId: 'g', msgId: 'a'.repeat(32) });
    assert.equal(item?.alwaysShow, true);
  });
});
