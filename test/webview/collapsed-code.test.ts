import * as assert from 'node:assert/strict';
import { COLLAPSED_LINES } from '../../webview/render/collapsed-code';
import { renderMarkdown } from '../../webview/render/markdown';
import { renderMessage, type MessageActions } from '../../webview/render/message';
import { newDom } from './support/dom';
import { message } from './support/views';

const noop = () => undefined;
const actions: MessageActions = { openSnippet: noop, reply: noop, edit: noop, delete: noop, react: noop, jumpTo: noop, find: () => undefined };
const code = (n: number) => Array.from({ length: n }, (_, i) => `const line${i + 1} = ${i + 1};`).join('\n');

describe('webview: long code folds', () => {
  let dom: ReturnType<typeof newDom>;
  beforeEach(() => (dom = newDom()));
  afterEach(() => dom.close());

  it(`a snippet over ${COLLAPSED_LINES} lines shows its first lines and "Show all"; a click shows the rest, numbered on`, () => {
    const article = renderMessage(dom.document, message(1, { body: '', snippet: { path: 'a.ts', startLine: 10, endLine: 109, language: 'typescript', code: code(100) } }), 'alice', actions);
    dom.document.body.append(article);
    assert.equal(article.querySelectorAll('.code-line').length, COLLAPSED_LINES);
    const more = article.querySelector<HTMLButtonElement>('button.show-all-code');
    assert.equal(more?.textContent, 'Show all 100 lines');
    more?.click();
    const lines = article.querySelectorAll('.code-line');
    assert.equal(lines.length, 100);
    assert.equal(lines[99]?.querySelector('.line-number')?.textContent, '109');
    assert.equal(article.querySelector('button.show-all-code'), null);
    assert.equal(dom.document.activeElement, article.querySelector('pre.code-block'), 'focus moves to the code shown');
  });

  it('a short snippet and a fenced block of the limit are shown whole, with no button', () => {
    const article = renderMessage(dom.document, message(1, { body: '', snippet: { path: 'a.ts', startLine: 1, endLine: 3, language: 'typescript', code: code(3) } }), 'alice', actions);
    assert.equal(article.querySelector('button.show-all-code'), null);
    const div = dom.document.createElement('div');
    div.append(renderMarkdown(dom.document, '```ts\n' + code(COLLAPSED_LINES) + '\n```'));
    assert.equal(div.querySelector('button.show-all-code'), null);
    assert.ok(div.textContent?.includes(`line${COLLAPSED_LINES} `));
  });

  it('a long fenced block in a body folds too', () => {
    const div = dom.document.createElement('div');
    div.append(renderMarkdown(dom.document, 'look:\n```ts\n' + code(500) + '\n```\nafter'));
    assert.equal(div.querySelector('button.show-all-code')?.textContent, 'Show all 500 lines');
    assert.ok(!div.textContent?.includes('line41 '), 'line 41 waits for the click');
    assert.ok(div.textContent?.includes('after'), 'the text after the block still shows');
  });
});
