import assert from 'node:assert/strict';
import { locateText, MAX_LINE_COMPARISONS, normalizedLineEndings } from '../../../common/code/text-locate';
import { snippetTextHash } from '../../../client/code/code-hashes';

const code = ['  for (let i = 1; ; i++) {', '    try {', '      return await fn();'].join('\n');
const fileWith = (above: number, block = code, below = 5) => [...Array.from({ length: above }, (_, i) => `// above ${i}`), block, ...Array.from({ length: below }, (_, i) => `// below ${i}`)].join('\n');

describe('text locator', () => {
  it('finds the exact block where it is now', () => {
    assert.deepEqual(locateText(fileWith(39), code, 2), { startLine: 40, endLine: 42, exact: true });
    assert.deepEqual(locateText(fileWith(1), code, 2), { startLine: 2, endLine: 4, exact: true });
  });

  it('of several matches, takes the one nearest the lines it was shared at', () => {
    const text = [fileWith(3), fileWith(10), fileWith(40)].join('\n');
    // Blocks start at lines 4, 22 and 70.
    assert.equal(locateText(text, code, 1)?.startLine, 4);
    assert.equal(locateText(text, code, 25)?.startLine, 22);
    assert.equal(locateText(text, code, 1000)?.startLine, 70);
  });

  it('falls back to a match that differs only in whitespace at the ends of lines, marked not exact', () => {
    const reindented = code.split('\n').map((l) => `\t${l.trim()}  `).join('\n');
    assert.deepEqual(locateText(fileWith(7, reindented), code, 2), { startLine: 8, endLine: 10, exact: false });
  });

  it('finds nothing when the lines changed, or when the snippet is only blank lines', () => {
    assert.equal(locateText(fileWith(5, code.replace('fn()', 'fn(i)')), code, 6), undefined);
    assert.equal(locateText('a\n\n\nb', '\n\n', 2), undefined);
    assert.equal(locateText('short', `${code}\n${code}`, 1), undefined);
  });

  it('matches across CRLF and LF, and the text hash agrees for both', () => {
    const crlf = fileWith(4).replace(/\n/g, '\r\n');
    assert.deepEqual(locateText(crlf, code, 1), { startLine: 5, endLine: 7, exact: true });
    assert.deepEqual(locateText(fileWith(4), code.replace(/\n/g, '\r\n'), 1), { startLine: 5, endLine: 7, exact: true });
    assert.equal(snippetTextHash(code.replace(/\n/g, '\r\n')), snippetTextHash(code));
    assert.equal(normalizedLineEndings('a\r\nb\rc\n'), 'a\nb\nc\n');
  });

  it('treats __proto__ and regular-expression characters as plain text', () => {
    const hostile = '__proto__ = (.*)+$ [a-z]{1,}';
    assert.deepEqual(locateText(`x\n${hostile}\ny`, hostile, 1), { startLine: 2, endLine: 2, exact: true });
    assert.equal(locateText('x\nconstructor\ny', '__proto__', 1), undefined);
  });

  it('is bounded on a pathological file and snippet (every line alike but the last)', () => {
    const text = Array.from({ length: 500_000 }, () => 'a').join('\n');
    const snippet = [...Array.from({ length: 2_000 }, () => 'a'), 'b'].join('\n');
    const started = Date.now();
    assert.equal(locateText(text, snippet, 1), undefined);
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms for at most ${MAX_LINE_COMPARISONS} comparisons`);
  });
});
