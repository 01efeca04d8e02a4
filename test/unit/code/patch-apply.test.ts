import assert from 'node:assert/strict';
import { createTwoFilesPatch } from 'diff';
import { applyParsedPatch, pathsToRead } from '../../../common/code/patch-apply';
import { parseUnifiedDiff, PatchError, PATCH_LIMITS } from '../../../common/code/patch-parse';

const retry = ['export async function retry(fn, times) {', '  for (let i = 0; ; i++) {', '    try {', '      return await fn();', '    } catch (e) {', '      if (i >= times) throw e;', '    }', '  }', '}', ''].join('\n');

/** What git diff prints for one modified file. */
function gitDiff(path: string, before: string, after: string): string {
  return `diff --git a/${path} b/${path}\nindex 1111111..2222222 100644\n` + createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, '', '', { context: 3 }).split('\n').slice(2).join('\n');
}

function texts(entries: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(entries));
}

describe('shared diffs: reading a unified diff', () => {
  it('reads git diff output: paths without a/ b/, status and +/- counts per file', () => {
    const after = retry.replace('if (i >= times) throw e;', 'if (i >= times) throw e;\n      await sleep(2 ** i * 100);');
    const patch = parseUnifiedDiff(gitDiff('src/retry.ts', retry, after));
    assert.equal(patch.files.length, 1);
    const [file] = patch.files;
    assert.deepEqual({ path: file!.path, status: file!.status, added: file!.added, removed: file!.removed }, { path: 'src/retry.ts', status: 'modified', added: 1, removed: 0 });
    assert.match(file!.hunks[0]!.header, /^@@ -\d+,\d+ \+\d+,\d+ @@$/);
  });

  it('knows added, deleted and renamed files from git\'s headers', () => {
    const text = [
      'diff --git a/new.txt b/new.txt', 'new file mode 100644', 'index 0000000..e69de29', '--- /dev/null', '+++ b/new.txt', '@@ -0,0 +1 @@', '+hello',
      'diff --git a/old.txt b/old.txt', 'deleted file mode 100644', '--- a/old.txt', '+++ /dev/null', '@@ -1 +0,0 @@', '-bye',
      'diff --git a/a.txt b/b.txt', 'similarity index 100%', 'rename from a.txt', 'rename to b.txt', '',
    ].join('\n');
    const files = parseUnifiedDiff(text).files.map((f) => [f.path, f.status, f.oldPath]);
    assert.deepEqual(files, [['new.txt', 'added', undefined], ['old.txt', 'deleted', undefined], ['b.txt', 'renamed', 'a.txt']]);
  });

  it('an empty diff has no files', () => {
    assert.deepEqual(parseUnifiedDiff('').files, []);
  });

  for (const [what, path] of [
    ['an absolute path', '/etc/passwd'],
    ['a path out of the repository', '../../.bashrc'],
    ['a path into .git', '.git/hooks/pre-commit'],
    ['.GIT in another case', 'src/.GIT/config'],
    ['__proto__', '__proto__/x'],
    ['a Windows drive', 'C:/Windows/x'],
    ['a backslash', 'src\\..\\..\\x'],
    ['a control character', 'src/a\u001b[2Jb'],
  ] as const) {
    it(`refuses ${what} before anything is applied`, () => {
      const text = `--- a/${path}\n+++ b/${path}\n@@ -1 +1 @@\n-a\n+b\n`;
      assert.throws(() => parseUnifiedDiff(text), PatchError);
    });
  }

  it('refuses a diff past its limits without reading it (lines, files)', () => {
    const many = '+x\n'.repeat(PATCH_LIMITS.lines + 1);
    let t = Date.now();
    assert.throws(() => parseUnifiedDiff(`--- a/x\n+++ b/x\n@@ -0,0 +1,${PATCH_LIMITS.lines + 1} @@\n${many}`), /more than 250000 lines/);
    assert.ok(Date.now() - t < 2_000, 'refused quickly');
    const files = Array.from({ length: PATCH_LIMITS.files + 1 }, (_, i) => `--- a/f${i}\n+++ b/f${i}\n@@ -1 +1 @@\n-a\n+b`).join('\n');
    t = Date.now();
    assert.throws(() => parseUnifiedDiff(files), /more than 1000 files/);
    assert.ok(Date.now() - t < 2_000);
  });

  it('refuses text that is not a unified diff in words, not a crash', () => {
    assert.throws(() => parseUnifiedDiff('--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n-a\n'), PatchError);
  });
});

describe('shared diffs: applying to the reader\'s files', () => {
  const after = retry.replace('if (i >= times) throw e;', 'if (i >= times) throw e;\n      await sleep(2 ** i * 100);');
  const patch = () => parseUnifiedDiff(gitDiff('src/retry.ts', retry, after));

  it('applies cleanly to the same file, and says where each hunk went', () => {
    const result = applyParsedPatch(patch(), texts({ 'src/retry.ts': retry }));
    assert.equal(result.ok, true);
    assert.equal(result.files[0]!.after, after);
    assert.deepEqual(result.failed, []);
    assert.equal(result.files[0]!.hunks[0]!.applied, true);
  });

  it('finds a hunk whose lines moved (lines added above it), as git apply does', () => {
    const moved = `// a header\n// of two lines\n${retry}`;
    const result = applyParsedPatch(patch(), texts({ 'src/retry.ts': moved }));
    assert.equal(result.ok, true);
    assert.equal(result.files[0]!.after, `// a header\n// of two lines\n${after}`);
  });

  it('keeps CRLF line endings of the reader\'s file', () => {
    const result = applyParsedPatch(patch(), texts({ 'src/retry.ts': retry.replace(/\n/g, '\r\n') }));
    assert.equal(result.ok, true);
    assert.equal(result.files[0]!.after, after.replace(/\n/g, '\r\n'));
  });

  it('names the hunk that does not apply, with its @@ header, and gives no result to write', () => {
    const changed = retry.replace('if (i >= times) throw e;', 'if (i > times) throw e;');
    const result = applyParsedPatch(patch(), texts({ 'src/retry.ts': changed }));
    assert.equal(result.ok, false);
    assert.equal(result.failed.length, 1);
    assert.equal(result.failed[0]!.path, 'src/retry.ts');
    assert.match(result.failed[0]!.header, /^@@ -\d+,\d+ \+\d+,\d+ @@$/);
    assert.match(result.failed[0]!.reason, /not what the diff expects/);
    assert.equal(result.files[0]!.after, undefined);
  });

  it('of two hunks, says which applied and which did not', () => {
    const long = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const changed = long.replace('line 3\n', 'line three\n').replace('line 35\n', 'line thirty-five\n');
    const p = parseUnifiedDiff(gitDiff('a.txt', long, changed));
    assert.equal(p.files[0]!.hunks.length, 2);
    const theirs = long.replace('line 36\n', 'line 36 (mine)\n');
    const result = applyParsedPatch(p, texts({ 'a.txt': theirs }));
    assert.deepEqual(result.files[0]!.hunks.map((h) => h.applied), [true, false]);
    assert.equal(result.failed[0]!.header, p.files[0]!.hunks[1]!.header);
  });

  it('adds a new file, refuses one that exists already, deletes only what it knows', () => {
    const add = parseUnifiedDiff('diff --git a/n.txt b/n.txt\nnew file mode 100644\n--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1,2 @@\n+one\n+two\n');
    assert.equal(applyParsedPatch(add, texts({})).files[0]!.after, 'one\ntwo\n');
    assert.match(applyParsedPatch(add, texts({ 'n.txt': 'mine' })).failed[0]!.reason, /exists already/);
    const del = parseUnifiedDiff('diff --git a/o.txt b/o.txt\ndeleted file mode 100644\n--- a/o.txt\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-bye\n');
    const gone = applyParsedPatch(del, texts({ 'o.txt': 'bye\n' }));
    assert.equal(gone.ok, true);
    assert.equal(gone.files[0]!.after, undefined);
    assert.equal(applyParsedPatch(del, texts({ 'o.txt': 'bye\nand more\n' })).ok, false);
    assert.match(applyParsedPatch(del, texts({})).failed[0]!.reason, /not in your workspace/);
  });

  it('follows "no newline at end of file" on either side', () => {
    const p = parseUnifiedDiff(gitDiff('x.txt', 'a\nb', 'a\nc\n'));
    assert.equal(applyParsedPatch(p, texts({ 'x.txt': 'a\nb' })).files[0]!.after, 'a\nc\n');
    const q = parseUnifiedDiff(gitDiff('x.txt', 'a\nb\n', 'a\nc'));
    assert.equal(applyParsedPatch(q, texts({ 'x.txt': 'a\nb\n' })).files[0]!.after, 'a\nc');
  });

  it('a binary change is listed but never applied', () => {
    const bin = parseUnifiedDiff('diff --git a/logo.png b/logo.png\nindex 1111111..2222222 100644\nBinary files a/logo.png and b/logo.png differ\n');
    assert.equal(bin.files[0]!.binary, true);
    const result = applyParsedPatch(bin, texts({ 'logo.png': 'x' }));
    assert.equal(result.ok, false);
    assert.match(result.failed[0]!.reason, /binary/);
  });

  it('a rename reads the old path and refuses to overwrite the new one', () => {
    const ren = parseUnifiedDiff('diff --git a/a.txt b/b.txt\nsimilarity index 90%\nrename from a.txt\nrename to b.txt\n--- a/a.txt\n+++ b/b.txt\n@@ -1 +1 @@\n-x\n+y\n');
    assert.deepEqual(pathsToRead(ren), ['a.txt', 'b.txt']);
    assert.equal(applyParsedPatch(ren, texts({ 'a.txt': 'x\n' })).files[0]!.after, 'y\n');
    assert.equal(applyParsedPatch(ren, texts({ 'a.txt': 'x\n', 'b.txt': 'mine\n' })).ok, false);
  });

  it('stays bounded against a hostile diff: many hunks that match nowhere in a large file', () => {
    const big = 'same line\n'.repeat(100_000);
    const hunks = Array.from({ length: 2_000 }, (_, i) => `@@ -${i * 40 + 1},3 +${i * 40 + 1},3 @@\n same line\n same line\n-not there\n+x`).join('\n');
    const p = parseUnifiedDiff(`--- a/big.txt\n+++ b/big.txt\n${hunks}\n`);
    const t = Date.now();
    const result = applyParsedPatch(p, texts({ 'big.txt': big }));
    const ms = Date.now() - t;
    assert.equal(result.ok, false);
    assert.equal(result.failed.length, 2_000);
    assert.ok(ms < 10_000, `took ${ms} ms`);
  });

  it('a path named __proto__ in a texts map is never read from Object.prototype', () => {
    const p = parseUnifiedDiff('--- a/constructor\n+++ b/constructor\n@@ -1 +1 @@\n-a\n+b\n');
    assert.match(applyParsedPatch(p, texts({})).failed[0]!.reason, /not in your workspace/);
  });
});
