import * as assert from 'node:assert/strict';
import { tokenizeLine } from '../../webview/render/highlight';
import { renderCodeBlock } from '../../webview/render/code-block';
import { newDom } from './support/dom';

describe('webview code highlighting', () => {
  it('splits a line into kinds and loses no character', () => {
    const line = `  const msg = "a \\" b" + 42; // <b>not html</b>`;
    const tokens = tokenizeLine(line, 'typescript');
    assert.equal(tokens.map((t) => t.text).join(''), line);
    const kinds = Object.fromEntries(tokens.filter((t) => t.kind !== 'plain').map((t) => [t.text, t.kind]));
    assert.deepEqual(kinds, { const: 'keyword', '"a \\" b"': 'string', '42': 'number', '// <b>not html</b>': 'comment' });
  });

  it('knows # comments only in languages that have them', () => {
    assert.equal(tokenizeLine('x = 1  # note', 'python').at(-1)?.kind, 'comment');
    assert.ok(tokenizeLine('this.#count = 1', 'typescript').every((t) => t.kind !== 'comment'));
  });

  it('renders code with markup as text inside highlighted spans', () => {
    const dom = newDom();
    try {
      const pre = renderCodeBlock(dom.document, 'if (a < b) return "<img src=x onerror=alert(1)>";', 'javascript', 10);
      assert.equal(pre.querySelector('img'), null);
      assert.equal(pre.querySelector('.tok-string')?.textContent, '"<img src=x onerror=alert(1)>"');
      assert.deepEqual([...pre.querySelectorAll('.tok-keyword')].map((k) => k.textContent), ['if', 'return']);
      assert.equal(pre.querySelector('.line-number')?.textContent, '10');
    } finally {
      void dom.close();
    }
  });
});
