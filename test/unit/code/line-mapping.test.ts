import assert from 'node:assert/strict';
import { createTwoFilesPatch } from 'diff';
import fc from 'fast-check';
import { mapLineRange, MAX_PATCH_CHARS } from '../../../common/code/line-mapping';

const file = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);
const patchOf = (before: string[], after: string[], path = 'src/a.ts') => createTwoFilesPatch(`a/${path}`, `b/${path}`, before.join('\n') + '\n', after.join('\n') + '\n');

describe('line mapping through a unified diff', () => {
  const before = file(30);

  it('an empty diff leaves the lines where they were', () => {
    assert.deepEqual(mapLineRange('', { startLine: 5, endLine: 8 }), { status: 'same', startLine: 5, endLine: 8 });
  });

  it('lines inserted above move the range; lines inserted below or far away do not', () => {
    const above = [...before.slice(0, 2), 'new a', 'new b', 'new c', ...before.slice(2)];
    assert.deepEqual(mapLineRange(patchOf(before, above), { startLine: 10, endLine: 14 }), { status: 'moved', startLine: 13, endLine: 17 });
    const below = [...before.slice(0, 20), 'new', ...before.slice(20)];
    assert.deepEqual(mapLineRange(patchOf(before, below), { startLine: 10, endLine: 14 }), { status: 'same', startLine: 10, endLine: 14 });
    // Right before the first line and right after the last: outside the range.
    const hugging = [...before.slice(0, 9), 'before', ...before.slice(9, 14), 'after', ...before.slice(14)];
    assert.deepEqual(mapLineRange(patchOf(before, hugging), { startLine: 10, endLine: 14 }), { status: 'moved', startLine: 11, endLine: 15 });
  });

  it('lines removed above move it up', () => {
    const removed = [...before.slice(0, 1), ...before.slice(5)];
    assert.deepEqual(mapLineRange(patchOf(before, removed), { startLine: 10, endLine: 12 }), { status: 'moved', startLine: 6, endLine: 8 });
  });

  it('an edited line, or a line inserted among them, is "changed" at where they are now', () => {
    const edited = before.map((l, i) => (i === 11 ? 'edited' : l));
    assert.deepEqual(mapLineRange(patchOf(before, edited), { startLine: 10, endLine: 14 }), { status: 'changed', startLine: 10, endLine: 14 });
    const inserted = [...before.slice(0, 11), 'x', 'y', ...before.slice(11)];
    assert.deepEqual(mapLineRange(patchOf(before, inserted), { startLine: 10, endLine: 14 }), { status: 'changed', startLine: 10, endLine: 16 });
    const both = ['top', ...before.slice(0, 9), 'edited 10', ...before.slice(10)];
    assert.deepEqual(mapLineRange(patchOf(before, both), { startLine: 10, endLine: 14 }), { status: 'changed', startLine: 11, endLine: 15 });
  });

  it('a one-line range replaced by two lines is changed, covering both', () => {
    const replaced = [...before.slice(0, 4), 'five a', 'five b', ...before.slice(5)];
    assert.deepEqual(mapLineRange(patchOf(before, replaced), { startLine: 5, endLine: 5 }), { status: 'changed', startLine: 5, endLine: 6 });
  });

  it('lines removed with nothing in their place are deleted', () => {
    const gone = [...before.slice(0, 9), ...before.slice(14)];
    assert.deepEqual(mapLineRange(patchOf(before, gone), { startLine: 10, endLine: 14 }), { status: 'deleted', startLine: 10, endLine: 10 });
  });

  it('maps backwards (a working tree to its commit) with reverse', () => {
    const above = ['new a', 'new b', ...before];
    assert.deepEqual(mapLineRange(patchOf(before, above), { startLine: 12, endLine: 13 }, { reverse: true }), { status: 'moved', startLine: 10, endLine: 11 });
    // Lines only the working tree has are not in the commit.
    assert.equal(mapLineRange(patchOf(before, above), { startLine: 1, endLine: 2 }, { reverse: true })?.status, 'deleted');
  });

  it('reads git\'s own diff with CRLF line endings and "\\ No newline" markers', () => {
    const git = [
      'diff --git a/src/a.ts b/src/a.ts', 'index 1111111..2222222 100644', '--- a/src/a.ts', '+++ b/src/a.ts',
      '@@ -1,3 +1,4 @@', '+added', ' one', ' two', ' three', '\\ No newline at end of file', '',
    ].join('\r\n');
    assert.deepEqual(mapLineRange(git, { startLine: 2, endLine: 3 }), { status: 'moved', startLine: 3, endLine: 4 });
  });

  it('agrees with the lines themselves for random edits (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('keep', 'drop', 'insert', 'edit'), { minLength: 10, maxLength: 60 }), fc.nat(), fc.nat(), (ops, a, b) => {
        const old: string[] = [];
        const now: string[] = [];
        const whereNow = new Map<number, number>();
        ops.forEach((op, i) => {
          const line = `L${i}`;
          if (op !== 'insert') old.push(line);
          if (op === 'keep') whereNow.set(old.length, now.push(line));
          if (op === 'insert') now.push(`new ${i}`);
          if (op === 'edit') now.push(`edited ${i}`);
        });
        if (old.length === 0) return;
        const s = (a % old.length) + 1;
        const e = s + (b % (old.length - s + 1));
        const mapped = mapLineRange(patchOf(old, now), { startLine: s, endLine: e });
        assert.ok(mapped);
        if (mapped.status === 'same' || mapped.status === 'moved') {
          // Every line survived, contiguously, at the place reported.
          for (let l = s; l <= e; l++) assert.equal(whereNow.get(l), mapped.startLine + (l - s));
        } else if (mapped.status === 'changed') {
          for (let l = s; l <= e; l++) {
            const at = whereNow.get(l);
            if (at !== undefined) assert.ok(at >= mapped.startLine && at <= mapped.endLine, `line ${l} at ${at} within ${mapped.startLine}-${mapped.endLine}`);
          }
        } else {
          for (let l = s; l <= e; l++) assert.equal(whereNow.get(l), undefined);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('refuses to map what it cannot trust: several files, lying hunk headers, hunks out of order, garbage', () => {
    const one = patchOf(before, ['x', ...before], 'a.ts');
    const two = patchOf(before, ['y', ...before], 'b.ts');
    assert.equal(mapLineRange(one + two, { startLine: 2, endLine: 3 }), undefined);
    assert.equal(mapLineRange('--- a/x\n+++ b/x\n@@ -1,5 +1,5 @@\n-a\n+b\n', { startLine: 1, endLine: 1 }), undefined);
    const outOfOrder = '--- a/x\n+++ b/x\n@@ -10,1 +10,2 @@\n a\n+b\n@@ -2,1 +2,2 @@\n c\n+d\n';
    assert.equal(mapLineRange(outOfOrder, { startLine: 3, endLine: 3 }), undefined);
    const wrongOffset = '--- a/x\n+++ b/x\n@@ -2,1 +2,2 @@\n c\n+d\n@@ -10,1 +20,1 @@\n a\n';
    assert.equal(mapLineRange(wrongOffset, { startLine: 12, endLine: 12 }), undefined);
    assert.equal(mapLineRange('@@ -1,2 +1,2 @@\n*a\n*b\n', { startLine: 1, endLine: 1 }), undefined);
  });

  it('treats a __proto__ path as a file name, and is bounded on a huge diff', () => {
    const proto = patchOf(before, ['x', ...before], '__proto__/constructor');
    assert.deepEqual(mapLineRange(proto, { startLine: 1, endLine: 1 }), { status: 'moved', startLine: 2, endLine: 2 });
    assert.equal(mapLineRange(' '.repeat(MAX_PATCH_CHARS + 1), { startLine: 1, endLine: 1 }), undefined);
    const big = file(200_000);
    const started = Date.now();
    const mapped = mapLineRange(patchOf(big, ['x', ...big.slice(0, 100_000), 'y', ...big.slice(100_000)]), { startLine: 150_000, endLine: 150_002 });
    assert.deepEqual(mapped, { status: 'moved', startLine: 150_002, endLine: 150_004 });
    assert.ok(Date.now() - started < 10_000);
  });

  it('maps a range far beyond the diff by the offset, without walking to it', () => {
    const above = ['x', ...before];
    assert.deepEqual(mapLineRange(patchOf(before, above), { startLine: 2 ** 50, endLine: 2 ** 50 + 1 }), { status: 'moved', startLine: 2 ** 50 + 1, endLine: 2 ** 50 + 2 });
  });
});
