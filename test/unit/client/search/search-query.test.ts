import assert from 'node:assert/strict';
import { MAX_QUERY_TERMS, parseDay, parseSearchQuery } from '../../../../client/search/search-query';

describe('search query language', () => {
  it('reads words, phrases and every filter', () => {
    const q = parseSearchQuery('deploy "build failed" from:@Bob in:#general in:"team alpha" has:code has:file after:2026-11-01 before:2026-11-30 staging');
    assert.deepEqual(q.words, ['deploy', 'staging']);
    assert.deepEqual(q.phrases, ['build failed']);
    assert.deepEqual(q.from, ['bob']);
    assert.deepEqual(q.in, ['general', 'team alpha']);
    assert.equal(q.hasCode, true);
    assert.equal(q.hasFile, true);
    assert.equal(q.after, new Date(2026, 10, 2).getTime());
    assert.equal(q.before, new Date(2026, 10, 30).getTime());
    assert.equal(q.prefixLast, true);
  });

  it('takes on: as the whole local day, and the last word as a prefix only while it is being typed', () => {
    const q = parseSearchQuery('on:2026-02-28 depl');
    assert.equal(q.after, new Date(2026, 1, 28).getTime());
    assert.equal(q.before, new Date(2026, 2, 1).getTime());
    assert.equal(q.prefixLast, true);
    assert.equal(parseSearchQuery('depl ').prefixLast, false);
    assert.equal(parseSearchQuery('depl from:bob').prefixLast, false);
    assert.equal(parseSearchQuery('"depl').prefixLast, false);
  });

  it('searches a filter it does not know, or a value that makes no sense, as words', () => {
    const q = parseSearchQuery('https://example.com/x has:banana before:2026-02-30 before:yesterday to:bob');
    assert.deepEqual(q.words, ['https://example.com/x', 'has:banana', 'before:2026-02-30', 'before:yesterday', 'to:bob']);
    assert.equal(q.hasCode || q.hasFile, false);
    assert.equal(q.before, undefined);
    assert.equal(parseDay('2026-13-01'), undefined);
    assert.equal(parseDay('02026-01-01'), undefined);
  });

  it('keeps hostile values as plain strings: prototype keys, metacharacters, control characters', () => {
    const q = parseSearchQuery('from:__proto__ in:constructor from:toString .*+?^${}()|[]\\ \u202e\u0000x');
    assert.deepEqual(q.from, ['__proto__', 'tostring']);
    assert.deepEqual(q.in, ['constructor']);
    assert.deepEqual(q.words, ['.*+?^${}()|[]\\', '\u202e\u0000x']);
    assert.equal(Object.getPrototypeOf(q), Object.prototype);
  });

  it('cuts a huge query to a bound, quickly', () => {
    const q = parseSearchQuery('word '.repeat(200_000) + '"'.repeat(100_000));
    assert.equal(q.words.length + q.phrases.length, MAX_QUERY_TERMS);
    const colons = parseSearchQuery('from:'.repeat(100_000));
    assert.deepEqual(colons.words, []);
    assert.equal(colons.from.length, 1);
    assert.deepEqual(parseSearchQuery('from: in:  has:').from, []);
  });

  it('ignores a query that is not a string', () => {
    assert.deepEqual(parseSearchQuery(undefined as unknown as string).words, []);
  });
});
