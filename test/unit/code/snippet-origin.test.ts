import assert from 'node:assert/strict';
import { ParameterError } from '../../../common/crypto';
import { parseEnvelope } from '../../../common/messages/envelope';
import { parseSnippetOrigin, shortCommit, type SnippetOrigin } from '../../../common/messages/snippet-origin';

describe('snippet origin in the envelope', () => {
  const origin: SnippetOrigin = { repo: 'a'.repeat(64), commit: 'b'.repeat(40), textHash: 'c'.repeat(64), dirty: false };
  const snippet = { path: 'src/retry.ts', startLine: 2, endLine: 4, language: 'typescript', code: 'x' };
  const envelope = { v: 1, kind: 'snippet', body: '', sentAt: '2026-12-01T20:00:00.000Z', snippet: { ...snippet, origin } };

  it('round-trips through parseEnvelope, and a snippet without one stays as it was', () => {
    assert.deepEqual(parseEnvelope(JSON.parse(JSON.stringify(envelope))).snippet?.origin, origin);
    assert.equal(parseEnvelope({ ...envelope, snippet }).snippet?.origin, undefined);
  });

  it('takes a SHA-256 repository\'s 64-character commit, commit lines, and no repository (a repository without a remote)', () => {
    const full = { commit: 'd'.repeat(64), textHash: 'c'.repeat(64), dirty: true, commitLines: { startLine: 7, endLine: 9 } };
    assert.deepEqual(parseSnippetOrigin(full), full);
  });

  it('keeps only the known fields: a raw remote URL or a prototype key never passes through', () => {
    const hostile = JSON.parse(`{"commit":"${'b'.repeat(40)}","textHash":"${'c'.repeat(64)}","dirty":false,"url":"https://user:token@github.com/o/r","__proto__":{"dirty":true}}`) as unknown;
    const parsed = parseSnippetOrigin(hostile);
    assert.deepEqual(Object.keys(parsed).sort(), ['commit', 'dirty', 'textHash']);
    assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
    assert.ok(!JSON.stringify(parsed).includes('token'));
  });

  it('refuses every bad shape with ParameterError, inside an envelope too', () => {
    const bad: unknown[] = [
      null, [], 'origin',
      { ...origin, repo: 'https://github.com/o/r' },
      { ...origin, repo: 'A'.repeat(64) },
      { ...origin, commit: 'b'.repeat(39) },
      { ...origin, commit: 'b'.repeat(41) },
      { ...origin, commit: 'g'.repeat(40) },
      { ...origin, commit: undefined },
      { ...origin, textHash: 'c'.repeat(63) },
      { ...origin, dirty: 'no' },
      { ...origin, dirty: undefined },
      { ...origin, commitLines: [1, 2] },
      { ...origin, commitLines: { startLine: 0, endLine: 2 } },
      { ...origin, commitLines: { startLine: 5, endLine: 2 } },
      { ...origin, commitLines: { startLine: 1.5, endLine: 2 } },
    ];
    for (const value of bad) {
      assert.throws(() => parseSnippetOrigin(value), ParameterError, JSON.stringify(value));
      assert.throws(() => parseEnvelope({ ...envelope, snippet: { ...snippet, origin: value } }), ParameterError);
    }
  });

  it('shows a commit as its first 7 characters', () => {
    assert.equal(shortCommit({ commit: '0123456789abcdef0123456789abcdef01234567' }), '0123456');
  });
});
