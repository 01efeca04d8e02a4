import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ParameterError } from '../../../common/crypto';
import { parseEnvelope, type MessageEnvelope } from '../../../common/messages/envelope';
import { envelopeArb } from './helpers';

describe('message envelope', () => {
  const text: MessageEnvelope = { v: 1, kind: 'text', body: 'hello', sentAt: '2026-11-25T21:00:00.000Z' };
  const target = 'a'.repeat(32);

  it('parses what it serialised, for every kind (property)', () => {
    fc.assert(
      fc.property(envelopeArb, (envelope) => {
        assert.deepEqual(parseEnvelope(JSON.parse(JSON.stringify(envelope))), envelope);
      }),
      { numRuns: 500 },
    );
  });

  it('drops fields it does not know instead of passing them along', () => {
    assert.deepEqual(parseEnvelope({ ...text, html: '<img onerror=alert(1)>' }), text);
  });

  it('refuses bad shapes with ParameterError', () => {
    const bad: unknown[] = [
      null,
      'hello',
      [],
      { ...text, v: 2 },
      { ...text, kind: 'poll' },
      { ...text, body: 7 },
      { ...text, body: '' },
      { ...text, sentAt: 'yesterday' },
      { ...text, sentAt: '2026-13-45T99:00:00Z' },
      { ...text, replyTo: 'not-a-msg-id' },
      { ...text, kind: 'edit' },
      { ...text, kind: 'delete', body: '' },
      { ...text, kind: 'reaction', target, body: 'x'.repeat(65) },
      { ...text, kind: 'snippet' },
      { ...text, thread: 'a'.repeat(32) },
      { ...text, thread: {} },
      { ...text, thread: { root: 'A'.repeat(32) } },
      { ...text, thread: { root: target, alsoToGroup: false } },
      { ...text, thread: { root: target, alsoToGroup: 'yes' } },
      { ...text, thread: [target] },
      { ...text, kind: 'snippet', snippet: { path: 'a.ts', startLine: 5, endLine: 4, language: 'ts', code: '' } },
      { ...text, kind: 'snippet', snippet: { path: 'a.ts', startLine: 0, endLine: 4, language: 'ts', code: '' } },
      { ...text, kind: 'snippet', snippet: { path: 'a.ts', startLine: 1, endLine: 4, language: 'ts' } },
      { ...text, body: 'x'.repeat(40_001) },
    ];
    for (const value of bad) {
      assert.throws(() => parseEnvelope(value), ParameterError, JSON.stringify(value)?.slice(0, 80));
    }
  });

  it('accepts a delete with an empty body and a snippet with a code range', () => {
    assert.doesNotThrow(() => parseEnvelope({ ...text, kind: 'delete', body: '', target }));
    assert.doesNotThrow(() =>
      parseEnvelope({ ...text, kind: 'snippet', body: '', snippet: { path: 'src/a.ts', startLine: 3, endLine: 9, language: 'typescript', code: 'let a = 1;' } }),
    );
  });
});

describe('message envelope: threads', () => {
  const root = 'b'.repeat(32);
  const reply: MessageEnvelope = { v: 1, kind: 'text', body: 'agreed', sentAt: '2026-12-01T17:00:00.000Z', thread: { root } };

  it('keeps a thread root and "also to the group", and nothing else of the thread field', () => {
    assert.deepEqual(parseEnvelope(reply), reply);
    assert.deepEqual(parseEnvelope({ ...reply, thread: { root, alsoToGroup: true } }).thread, { root, alsoToGroup: true });
    const hostile = JSON.parse(`{"v":1,"kind":"text","body":"x","sentAt":"2026-12-01T17:00:00Z","thread":{"root":"${root}","__proto__":{"polluted":1},"tag":"z"}}`);
    const parsed = parseEnvelope(hostile);
    assert.deepEqual(parsed.thread, { root });
    assert.equal(Object.getPrototypeOf(parsed.thread), Object.prototype);
    assert.equal(({} as { polluted?: number }).polluted, undefined);
  });

  it('lets an edit, delete or reaction inside a thread name the thread too', () => {
    for (const kind of ['edit', 'delete', 'reaction'] as const) {
      const change = { v: 1, kind, body: kind === 'reaction' ? '👍' : '', target: 'c'.repeat(32), sentAt: reply.sentAt, thread: { root } };
      assert.deepEqual(parseEnvelope(change).thread, { root });
    }
  });
});
