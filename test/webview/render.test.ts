import * as assert from 'node:assert/strict';
import { renderMarkdown } from '../../webview/render/markdown';
import { INTEGRITY_TEXT, renderMessage } from '../../webview/render/message';
import { newDom } from './support/dom';
import { message } from './support/views';

describe('webview rendering', () => {
  let dom: ReturnType<typeof newDom>;
  beforeEach(() => (dom = newDom()));
  afterEach(() => dom.close());

  function md(text: string, me?: string): HTMLElement {
    const div = dom.document.createElement('div');
    div.append(renderMarkdown(dom.document, text, me));
    return div;
  }

  it('shows markup in user text as text, never as elements', () => {
    const div = md('<img src=x onerror="alert(1)"> <script>alert(2)</script> **<b>bold</b>**');
    assert.equal(div.querySelector('img, script, b'), null);
    assert.match(div.textContent ?? '', /<img src=x onerror="alert\(1\)">/);
    assert.equal(div.querySelector('strong')?.textContent, '<b>bold</b>');
  });

  it('renders fenced code blocks, inline code, emphasis and line breaks', () => {
    const div = md('Look:\nhere `x < y`\n\n```ts\nconst a = "<b>";\n```\n*done* _now_');
    assert.equal(div.querySelectorAll('p').length, 2);
    assert.equal(div.querySelector('p br') !== null, true);
    assert.equal(div.querySelector('p code')?.textContent, 'x < y');
    const block = div.querySelector('pre.code-block code') as HTMLElement;
    assert.equal(block.textContent, 'const a = "<b>";');
    assert.equal(block.dataset.language, 'ts');
    assert.deepEqual([...div.querySelectorAll('em')].map((e) => e.textContent), ['done', 'now']);
  });

  it('links only http(s) URLs', () => {
    const div = md('[ok](https://example.com/a) [bad](javascript:alert(1)) [data](data:text/html,x)');
    const links = [...div.querySelectorAll('a')];
    assert.equal(links.length, 1);
    assert.equal(links[0]?.getAttribute('href'), 'https://example.com/a');
    assert.match(div.textContent ?? '', /\[bad\]\(javascript:alert\(1\)\)/);
  });

  it('marks a mention of the reader apart from other mentions', () => {
    const div = md('@alice and @bob please look', 'alice');
    assert.equal(div.querySelector('.mention-me')?.textContent, '@alice');
    assert.equal(div.querySelectorAll('.mention').length, 2);
  });

  it('shows a clear mark instead of the text for a message that failed to decrypt or verify', () => {
    const actions = { openSnippet: () => undefined };
    const bad = renderMessage(dom.document, message(1, { integrity: 'could-not-decrypt', body: '' }), 'alice', actions);
    assert.ok(bad.classList.contains('broken'));
    assert.equal(bad.querySelector('.integrity')?.getAttribute('role'), 'note');
    assert.match(bad.textContent ?? '', new RegExp(INTEGRITY_TEXT['could-not-decrypt'].slice(0, 20)));
    const forged = renderMessage(dom.document, message(2, { integrity: 'bad-signature', body: 'pay mallory' }), 'alice', actions);
    assert.doesNotMatch(forged.textContent ?? '', /pay mallory/);
    assert.match(forged.textContent ?? '', /signature/);
    const stale = renderMessage(dom.document, message(3, { integrity: 'stale-key', body: 'still here' }), 'alice', actions);
    assert.ok(stale.classList.contains('broken'));
    assert.doesNotMatch(stale.textContent ?? '', /still here/);
    assert.match(stale.textContent ?? '', /removed member/);
  });

  it('marks edited and deleted messages', () => {
    const actions = { openSnippet: () => undefined };
    const edited = renderMessage(dom.document, message(1, { edited: true }), 'alice', actions);
    assert.equal(edited.querySelector('.mark-edited')?.textContent, 'edited');
    const deleted = renderMessage(dom.document, message(2, { deleted: true, body: '' }), 'alice', actions);
    assert.equal(deleted.querySelector('.mark-deleted')?.textContent, 'deleted');
    assert.match(deleted.textContent ?? '', /This message was deleted/);
    // A screen reader hears the marks with the message's name, not only as text inside it.
    assert.match(edited.getAttribute('aria-label') ?? '', /, edited$/);
    assert.match(deleted.getAttribute('aria-label') ?? '', /, deleted$/);
    const plain = renderMessage(dom.document, message(3), 'alice', actions);
    assert.doesNotMatch(plain.getAttribute('aria-label') ?? '', /edited|deleted|verified/);
  });

  it('renders a snippet with line numbers and a file:line link that asks to open it', () => {
    const opened: unknown[] = [];
    const snippet = { path: 'src/retry.ts', startLine: 3, endLine: 4, language: 'typescript', code: 'try {\n  return await fn();' };
    const el = renderMessage(dom.document, message(1, { snippet, body: 'why no backoff?' }), 'alice', { openSnippet: (s) => opened.push(s) });
    const link = el.querySelector('.snippet-link') as HTMLButtonElement;
    assert.equal(link.textContent, 'src/retry.ts:3-4');
    assert.deepEqual([...el.querySelectorAll('.line-number')].map((n) => n.textContent), ['3', '4']);
    link.click();
    assert.deepEqual(opened, [snippet]);
  });
});
