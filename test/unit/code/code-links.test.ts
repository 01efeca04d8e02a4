// The code references found in message text (common/code/code-links.ts): what links, what does
// not, and that hostile text of 100 KB is scanned in linear time with a bounded count.
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { codeLinkTarget, findCodeLinks, MAX_CODE_LINKS, parseCodeLinkTarget, type CodeLinkTarget } from '../../../common/code/code-links';
import { markdownRuns, PROTOTYPE_KEYS } from '../../support/hostile-strings';

const targets = (text: string) => findCodeLinks(text).map((l) => l.target);
const texts = (text: string) => findCodeLinks(text).map((l) => text.slice(l.start, l.end));

describe('code links in message text', () => {
  it('finds path:line, :a-b, :line:column, #L and #La-Lb forms', () => {
    assert.deepEqual(targets('see src/retry.ts:42'), [{ kind: 'path', path: 'src/retry.ts', line: 42 }]);
    assert.deepEqual(targets('src/retry.ts:42-50'), [{ kind: 'path', path: 'src/retry.ts', line: 42, endLine: 50 }]);
    assert.deepEqual(targets('src/retry.ts:42:7: error'), [{ kind: 'path', path: 'src/retry.ts', line: 42 }]);
    assert.deepEqual(targets('src/retry.ts#L42'), [{ kind: 'path', path: 'src/retry.ts', line: 42 }]);
    assert.deepEqual(targets('src/retry.ts#L42-L50 and src/a.ts#L1-3'), [
      { kind: 'path', path: 'src/retry.ts', line: 42, endLine: 50 },
      { kind: 'path', path: 'src/a.ts', line: 1, endLine: 3 },
    ]);
    assert.deepEqual(targets('retry.ts:3 Makefile:3 docs/Makefile:9 node_modules/@scope/pkg/index.d.ts:1'), [
      { kind: 'path', path: 'retry.ts', line: 3 },
      { kind: 'path', path: 'docs/Makefile', line: 9 },
      { kind: 'path', path: 'node_modules/@scope/pkg/index.d.ts', line: 1 },
    ]);
  });

  it('keeps surrounding punctuation out of the link', () => {
    assert.deepEqual(texts('(src/a.ts:3), "lib/b.py:4". `c/d.go:5`: [e/f.rs:6]!'), ['src/a.ts:3', 'lib/b.py:4', 'c/d.go:5', 'e/f.rs:6']);
    const text = 'fixed in a1b2c3d.';
    const [link] = findCodeLinks(text);
    assert.equal(text.slice(link!.start, link!.end), 'a1b2c3d');
  });

  it('refuses absolute paths, ".." and "." segments, empty segments and numbers that only look like paths', () => {
    for (const text of ['/etc/passwd:1', '../secret.ts:1', 'src/../../x.ts:2', './a.ts:3', 'src//a.ts:3', 'src/a.ts:0', 'src/a.ts:12345678', '10/12:30', 'notes:12', 'a.unknownext:3', 'C:\\x\\y.ts:3', 'src/a.ts:3:x', 'src/a.ts:1-2-3']) {
      assert.deepEqual(targets(text), [], text);
    }
    assert.deepEqual(targets('src/a.ts:9-3'), [{ kind: 'path', path: 'src/a.ts', line: 9 }], 'an end before the start is dropped');
  });

  it('finds commit hashes of 7 to 40 lowercase hex characters with a letter and a digit, standing alone', () => {
    const full = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
    assert.deepEqual(targets(`a1b2c3d and ${full}`), [{ kind: 'commit', hash: 'a1b2c3d' }, { kind: 'commit', hash: full }]);
    for (const text of ['deadbeef', '1234567', 'a1b2c3', `${full}0`, 'xa1b2c3d', '0xa1b2c3d', 'a1b2c3d-e', 'A1B2C3D4', 'a1b2c3d_x']) {
      assert.deepEqual(targets(text), [], text);
    }
  });

  it('finds #123 standing alone, 1 to 7 digits', () => {
    assert.deepEqual(targets('fixes #123, see (#9)'), [{ kind: 'issue', number: 123 }, { kind: 'issue', number: 9 }]);
    for (const text of ['#0', '#12345678', 'a#123', 'owner/repo#123', '#123abc', '##123', '# 123', 'C#']) assert.deepEqual(targets(text), [], text);
  });

  it('finds nothing inside a URL', () => {
    const text = 'https://github.com/o/r/commit/a1b2c3d4 http://x.y/src/a.ts:3 https://x.y/issues#123 <https://h/a1b2c3d>';
    assert.deepEqual(targets(text), []);
    assert.deepEqual(targets('[see](https://x/a1b2c3d) a1b2c3d'), [{ kind: 'commit', hash: 'a1b2c3d' }]);
  });

  it('checks a target from elsewhere as strictly as text, and copies only its own known fields', () => {
    const good: CodeLinkTarget[] = [{ kind: 'path', path: 'src/a.ts', line: 2, endLine: 4 }, { kind: 'commit', hash: 'a1b2c3d' }, { kind: 'issue', number: 12 }];
    for (const t of good) assert.deepEqual(parseCodeLinkTarget({ ...t, extra: 'x' }), t);
    const bad: unknown[] = [
      null, 'src/a.ts:1', [], { kind: 'path', path: '../a.ts', line: 1 }, { kind: 'path', path: '/a.ts', line: 1 }, { kind: 'path', path: 'src/a.ts', line: 0 },
      { kind: 'path', path: 'src/a.ts', line: 1.5 }, { kind: 'path', path: 'src/a.ts', line: '1' }, { kind: 'path', path: 'src/a.ts', line: 1, endLine: '3' },
      { kind: 'commit', hash: 'a1b2c3d; rm -rf /' }, { kind: 'commit', hash: '--all' }, { kind: 'commit', hash: 'HEAD~1' }, { kind: 'issue', number: -1 }, { kind: 'issue', number: 1e12 },
      { kind: 'issue', number: Number.NaN }, { kind: 'other' }, Object.create({ kind: 'commit', hash: 'a1b2c3d' }),
    ];
    for (const b of bad) assert.equal(parseCodeLinkTarget(b), undefined, JSON.stringify(b));
    for (const key of PROTOTYPE_KEYS) assert.equal(parseCodeLinkTarget(JSON.parse(`{"${key}": {"kind": "issue", "number": 1}}`)), undefined, key);
    assert.equal(codeLinkTarget('__proto__'), undefined);
  });

  it('stops at MAX_CODE_LINKS in one text', () => {
    assert.equal(findCodeLinks('src/a.ts:1 '.repeat(500)).length, MAX_CODE_LINKS);
    assert.equal(findCodeLinks('#1 '.repeat(500), 3).length, 3);
  });

  it('scans 100 KB of hostile text in linear time', () => {
    const unit = 100_000;
    const hostile = [
      ...markdownRuns(unit),
      { name: 'one long path', text: 'a/'.repeat(unit / 2) + 'x.ts:1' },
      { name: 'slashes and colons', text: '/:'.repeat(unit / 2) },
      { name: 'colons and digits', text: 'a.ts:1:'.repeat(unit / 7) },
      { name: 'anchors', text: 'a/b.ts#L1-L'.repeat(unit / 11) },
      { name: 'hex', text: 'a1'.repeat(unit / 2) },
      { name: 'hashes', text: '#1#'.repeat(unit / 3) },
      { name: 'near-links in words', text: 'src/a.ts:1x '.repeat(unit / 12) },
      { name: 'URLs', text: 'https://'.repeat(unit / 8) },
    ];
    let slowest = 0;
    for (const { name, text } of hostile) {
      const start = performance.now();
      const found = findCodeLinks(text);
      slowest = Math.max(slowest, performance.now() - start);
      assert.ok(found.length <= MAX_CODE_LINKS, name);
    }
    // Twice the text must not take much more than twice as long (quadratic would take 4x).
    const time = (n: number) => {
      const text = 'src/a.ts:x '.repeat(n);
      const start = performance.now();
      for (let i = 0; i < 5; i++) findCodeLinks(text);
      return performance.now() - start;
    };
    time(10_000);
    const small = time(20_000);
    const big = time(40_000);
    assert.ok(big < small * 3.5 + 20, `40k words took ${big.toFixed(1)} ms, 20k took ${small.toFixed(1)} ms`);
    console.log(`      slowest 100 KB hostile scan: ${slowest.toFixed(1)} ms`);
  });
});
