import assert from 'node:assert/strict';
import { msg, searchWith } from './search-support';

const GROUPS = [
  { id: 'g1', name: 'General' },
  { id: 'g2', name: 'Team Alpha' },
];

describe('message search index', () => {
  it('finds words in every group, live and from history pages, with the match marked in the excerpt', () => {
    const t = searchWith(GROUPS);
    const live = msg('g1', 1, { body: 'The deploy to staging failed again' });
    const page = msg('g2', 7, { body: 'Staging is back', sender: 'bob' });
    t.deliver('g1', [live]);
    t.deliver('g2', [page], false);
    const results = t.search.search('staging');
    assert.deepEqual(results.map((r) => r.msgId).sort(), [live.msgId, page.msgId].sort());
    const hit = results.find((r) => r.msgId === live.msgId)!;
    assert.equal(hit.groupName, 'General');
    assert.equal(hit.sender, 'alice');
    assert.equal(hit.seq, 1);
    assert.equal(hit.time, live.createdAt);
    assert.deepEqual(hit.excerpt.ranges.map((r) => hit.excerpt.text.slice(r.start, r.end)), ['staging']);
  });

  it('needs every word, takes the last one (from its fourth letter) as a prefix while typing, and folds case and accents', () => {
    const t = searchWith(GROUPS);
    const a = msg('g1', 1, { body: 'Café opens at nine' });
    const b = msg('g1', 2, { body: 'café closes' });
    t.deliver('g1', [a, b]);
    assert.deepEqual(t.ids('CAFE opens'), [a.msgId]);
    assert.deepEqual(t.ids('cafe open'), [a.msgId]);
    assert.deepEqual(t.ids('cafe open '), []);
    assert.equal(t.ids('clos').length, 1);
    assert.deepEqual(t.ids('clo'), [], 'three letters are too few to expand');
  });

  it('ranks by relevance, then the newest first', () => {
    const t = searchWith(GROUPS);
    const older = msg('g1', 1, { body: 'release notes' });
    const newer = msg('g1', 2, { body: 'release notes' });
    const strong = msg('g1', 3, { body: 'release release release' });
    t.deliver('g1', [older, newer, strong]);
    assert.deepEqual(t.ids('release'), [strong.msgId, newer.msgId, older.msgId]);
  });

  it('filters by sender, group, code, file and date, and a filter alone lists the newest', () => {
    const t = searchWith(GROUPS);
    const bob = msg('g1', 1, { body: 'plain words', sender: 'bob', createdAt: '2026-11-10T12:00:00.000Z' });
    const fenced = msg('g2', 2, { body: 'try\n```ts\nconst words = 1\n```', createdAt: '2026-11-20T12:00:00.000Z' });
    const snippet = msg('g2', 3, { kind: 'snippet', body: 'look', snippet: { path: 'src/app.ts', startLine: 1, endLine: 2, language: 'ts', code: 'const words = 2' }, createdAt: '2026-11-30T12:00:00.000Z' });
    t.deliver('g1', [bob]);
    t.deliver('g2', [fenced, snippet]);
    assert.deepEqual(t.ids('words from:BOB'), [bob.msgId]);
    assert.deepEqual(t.ids('from:bob'), [bob.msgId]);
    assert.deepEqual(t.ids('words in:"team alpha"').sort(), [fenced.msgId, snippet.msgId].sort());
    assert.deepEqual(t.ids('words in:gen'), [bob.msgId]);
    assert.deepEqual(t.ids('words in:nowhere'), []);
    assert.deepEqual(t.ids('has:code'), [snippet.msgId, fenced.msgId]);
    assert.deepEqual(t.ids('app has:code'), [snippet.msgId]);
    assert.deepEqual(t.ids('words has:file'), []);
    assert.deepEqual(t.ids('words before:2026-11-20'), [bob.msgId]);
    assert.deepEqual(t.ids('words after:2026-11-20'), [snippet.msgId]);
    assert.deepEqual(t.ids('words on:2026-11-20'), [fenced.msgId]);
    assert.deepEqual(t.ids(''), []);
    assert.deepEqual(t.ids('   '), []);
  });

  it('finds a quoted phrase only with its words in that order', () => {
    const t = searchWith(GROUPS);
    const right = msg('g1', 1, { body: 'the build, failed at noon' });
    const wrong = msg('g1', 2, { body: 'failed to build' });
    t.deliver('g1', [right, wrong]);
    assert.deepEqual(t.ids('"build failed"'), [right.msgId]);
    assert.equal(t.ids('build failed').length, 2);
  });

  it('re-indexes an edit, and forgets a deleted message and one found to use a stale key', () => {
    const t = searchWith(GROUPS);
    const original = msg('g1', 1, { body: 'meeting on tuesday' });
    t.deliver('g1', [original]);
    t.deliver('g1', [msg('g1', 2, { kind: 'edit', target: original.msgId, body: 'meeting on wednesday' })]);
    assert.deepEqual(t.ids('tuesday'), []);
    assert.deepEqual(t.ids('wednesday'), [original.msgId]);
    t.deliver('g1', [msg('g1', 3, { kind: 'edit', target: original.msgId, body: 'meeting on friday', sender: 'mallory' })]);
    assert.deepEqual(t.ids('friday'), [], 'only the sender edits');
    t.deliver('g1', [msg('g1', 4, { kind: 'delete', target: original.msgId, body: '', sender: 'mallory' })]);
    assert.deepEqual(t.ids('wednesday'), [original.msgId], 'only the sender deletes');
    t.deliver('g1', [msg('g1', 5, { kind: 'delete', target: original.msgId, body: '' })]);
    assert.deepEqual(t.ids('meeting'), []);
    assert.equal(t.search.size, 0);

    const later = msg('g2', 20, { body: 'secret plan', generation: 1 });
    t.deliver('g2', [later]);
    // An older page shows generation 2 was in use before it: the message is marked stale-key.
    t.deliver('g2', [msg('g2', 10, { body: 'rotated', generation: 2 })], false);
    assert.deepEqual(t.ids('secret'), []);
    assert.deepEqual(t.ids('rotated').length, 1);
  });

  it('never indexes a message that did not verify', () => {
    const t = searchWith(GROUPS);
    t.deliver('g1', [msg('g1', 1, { status: 'bad-signature', body: 'forged words' }), msg('g1', 2, { status: 'log-mismatch', body: 'forged words' })]);
    assert.deepEqual(t.ids('forged'), []);
  });

  it('drops a group the user is no longer in, and searches only the groups the user is in now', () => {
    const groups = [...GROUPS];
    const t = searchWith(groups);
    t.deliver('g1', [msg('g1', 1, { body: 'alpha one' })]);
    t.deliver('g2', [msg('g2', 1, { body: 'alpha two' })]);
    groups.splice(1, 1);
    assert.equal(t.ids('alpha').length, 1, 'a group not listed any more is not searched');
    t.search.forgetGroup('g2');
    assert.equal(t.search.size, 1);
  });

  it('takes hostile text and queries: prototype keys, metacharacters, controls, a huge word', () => {
    const t = searchWith(GROUPS);
    const proto = msg('g1', 1, { body: '__proto__ constructor toString hasOwnProperty', sender: '__proto__' });
    const huge = msg('g1', 2, { body: 'x'.repeat(40_000) + ' tail \u202emark\u202c' });
    t.deliver('g1', [proto, huge]);
    assert.deepEqual(t.ids('__proto__'), [proto.msgId]);
    assert.deepEqual(t.ids('constructor'), [proto.msgId]);
    assert.deepEqual(t.ids('from:__proto__'), [proto.msgId]);
    assert.deepEqual(t.ids('from:constructor'), []);
    assert.deepEqual(t.ids('in:__proto__'), []);
    assert.deepEqual(t.ids('mark'), [huge.msgId]);
    assert.deepEqual(t.ids('tail'), [huge.msgId]);
    for (const q of ['.*', '(((', '[a-z]+', '\\', '$^', '?', '\u0000', '"', '""', 'from:"', 'x'.repeat(5000)]) assert.doesNotThrow(() => t.search.search(q), q);
    const hit = t.search.search('tail')[0]!;
    assert.ok(hit.excerpt.text.length < 200, 'the excerpt is a window, not the message');
    assert.equal(hit.excerpt.text.slice(hit.excerpt.ranges[0]!.start, hit.excerpt.ranges[0]!.end), 'tail');
  });
});
