import * as assert from 'node:assert/strict';
import type { SnippetView } from '../../common/webview-protocol';
import { renderMessage } from '../../webview/render/message';
import { newDom } from './support/dom';
import { message } from './support/views';

describe('snippet origin on the snippet header', () => {
  let dom: ReturnType<typeof newDom>;
  beforeEach(() => (dom = newDom()));
  afterEach(() => dom.close());

  const commit = '0123456789abcdef0123456789abcdef01234567';
  const repo = 'f'.repeat(64);
  const snippet = (origin?: SnippetView['origin']): SnippetView => ({ path: 'src/retry.ts', startLine: 3, endLine: 4, language: 'typescript', code: 'a\nb', ...(origin ? { origin } : {}) });

  it('shows the short commit, and "uncommitted" when the lines had uncommitted changes; never the repository hash', () => {
    const clean = renderMessage(dom.document, message(1, { snippet: snippet({ repo, commit, textHash: 'c'.repeat(64), dirty: false }) }), 'alice', { openSnippet: () => undefined });
    const mark = clean.querySelector('figcaption .snippet-origin') as HTMLElement;
    assert.equal(mark.textContent, 'at 0123456');
    assert.match(mark.title, new RegExp(commit));
    const dirty = renderMessage(dom.document, message(2, { snippet: snippet({ repo, commit, textHash: 'c'.repeat(64), dirty: true }) }), 'alice', { openSnippet: () => undefined });
    assert.equal(dirty.querySelector('.snippet-origin')?.textContent, 'at 0123456 · uncommitted');
    for (const el of [clean, dirty]) assert.ok(!el.outerHTML.includes(repo), 'the repository hash is not in the page');
  });

  it('shows no origin line for a snippet without one, and hands the origin to the open link', () => {
    const bare = renderMessage(dom.document, message(1, { snippet: snippet() }), 'alice', { openSnippet: () => undefined });
    assert.equal(bare.querySelector('.snippet-origin'), null);
    const opened: SnippetView[] = [];
    const withOrigin = snippet({ commit, textHash: 'c'.repeat(64), dirty: false });
    const el = renderMessage(dom.document, message(3, { snippet: withOrigin }), 'alice', { openSnippet: (s) => opened.push(s) });
    (el.querySelector('.snippet-link') as HTMLButtonElement).click();
    assert.deepEqual(opened[0]?.origin, withOrigin.origin);
  });
});
