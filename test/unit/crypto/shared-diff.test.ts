import assert from 'node:assert/strict';
import { ParameterError } from '../../../common/crypto';
import { parseEnvelope } from '../../../common/messages/envelope';

describe('message envelope: a shared diff', () => {
  const patch = 'diff --git a/src/retry.ts b/src/retry.ts\n--- a/src/retry.ts\n+++ b/src/retry.ts\n@@ -1 +1 @@\n-a\n+b\n';
  const diff = { source: 'working', label: 'working tree of src/retry.ts', path: 'src/retry.ts', files: [{ path: 'src/retry.ts', status: 'modified', added: 1, removed: 1 }], patch };
  const base = { v: 1, kind: 'diff', body: 'does this look right?', sentAt: '2026-12-01T20:00:00.000Z' };
  const file = { id: 'a'.repeat(32), key: `${'A'.repeat(42)}A=`, sha256: 'b'.repeat(64), name: 'changes.diff', type: 'text/x-diff', size: 10, chunkSize: 262144, chunks: 1 };

  it('keeps what was shared, the summary and the inline patch; drops unknown fields', () => {
    const parsed = parseEnvelope({ ...base, diff: { ...diff, extra: 1, files: [{ ...diff.files[0], more: 2 }] } });
    assert.deepEqual(parsed.diff, diff);
  });

  it('carries the patch as a file instead when it is too large to go inline', () => {
    const { patch: _p, ...rest } = diff;
    const parsed = parseEnvelope({ ...base, diff: rest, file });
    assert.equal(parsed.diff?.patch, undefined);
    assert.equal(parsed.file?.name, 'changes.diff');
  });

  const bad: [string, Record<string, unknown>][] = [
    ['no diff', { ...base }],
    ['neither a patch nor a file', { ...base, diff: { ...diff, patch: undefined } }],
    ['both a patch and a file', { ...base, diff, file }],
    ['an unknown source', { ...base, diff: { ...diff, source: 'stash' } }],
    ['a commit without its hash', { ...base, diff: { ...diff, source: 'commit' } }],
    ['a range without its start', { ...base, diff: { ...diff, source: 'range', to: 'abcdef1' } }],
    ['a ref that is not a hash', { ...base, diff: { ...diff, source: 'commit', to: 'HEAD; rm -rf /' } }],
    ['a label with an escape sequence', { ...base, diff: { ...diff, label: 'x\u001b]52;c;evil\u0007' } }],
    ['a label with a bidi override', { ...base, diff: { ...diff, label: 'evil\u202etxt' } }],
    ['a negative count', { ...base, diff: { ...diff, files: [{ ...diff.files[0], added: -1 }] } }],
    ['an unknown file status', { ...base, diff: { ...diff, files: [{ ...diff.files[0], status: 'exploded' }] } }],
    ['too many files in the summary', { ...base, diff: { ...diff, files: Array.from({ length: 201 }, () => diff.files[0]) } }],
    ['an inline patch over the limit', { ...base, diff: { ...diff, patch: 'x'.repeat(40_001) } }],
    ['a diff on a text message', { ...base, kind: 'text', diff }],
    ['a diff that is an array', { ...base, diff: [diff] }],
  ];
  for (const [what, envelope] of bad) {
    it(`refuses ${what}`, () => assert.throws(() => parseEnvelope(envelope), ParameterError));
  }

  it('a file on a text message is still refused', () => {
    assert.throws(() => parseEnvelope({ ...base, kind: 'text', body: 'x', file }), /only a file or diff message carries a file/);
  });
});
