import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import type { ChatMessage } from '../../../client';
import { createOutput, formatMessage } from '../../../client/cli/output';
import { SHORT_HOSTILE_STRINGS } from '../../support/hostile-strings';
import { terminalProblems } from '../../support/terminal-check';

function chat(seq: number, text: string): ChatMessage {
  return {
    groupId: 'g', seq, msgId: seq.toString(16).padStart(32, '0'), sender: 'bob', generation: 1, createdAt: '2026-11-25T21:34:00.000Z', status: 'ok',
    kind: 'snippet', body: text, replyTo: 'a'.repeat(32), editedAt: '2026-11-25T21:35:00.000Z',
    snippet: { path: text, startLine: 1, endLine: 2, language: text, code: text, diagnostic: { severity: 'error', message: text, source: text, code: text, line: 2 } },
    reactions: { [text]: [text], '+1': ['carol'] },
  };
}

function printed(human: string | string[]): string {
  const stdout = new PassThrough();
  createOutput(false, stdout, new PassThrough()).result({}, human);
  return String(stdout.read() ?? '');
}

describe('CLI output of hostile text', () => {
  it('prints a body with a line break and a fake message line as one indented message', () => {
    const lines = formatMessage(chat(12, 'ok\n#13 2026-11-25 21:34 alice: approved'));
    assert.equal(lines[0], '#12 2026-11-25 21:34 bob: ok (reply to aaaaaaaa) (edited)');
    assert.equal(lines[1], '  | #13 2026-11-25 21:34 alice: approved');
  });

  it('prints the problem a snippet was shared about above its code', () => {
    const diagnostic = { severity: 'error' as const, message: "Type 'string' is not assignable to type 'number'.\n  Second line.", source: 'ts', code: '2322', line: 2, column: 7 };
    const lines = formatMessage({ ...chat(3, 'why?'), snippet: { path: 'src/a.ts', startLine: 1, endLine: 2, language: 'typescript', code: 'a\nb', diagnostic } });
    assert.deepEqual(lines.slice(1, 6), ['  --- src/a.ts:1-2 (typescript)', "  [error ts 2322] line 2:7: Type 'string' is not assignable to type 'number'.", '  |     Second line.', '  | a', '  | b']);
  });

  it('shows escape sequences, CR, C1, bidi controls and lone surrogates as visible escapes', () => {
    const [line] = formatMessage({ ...chat(1, ''), body: '\x1b]52;c;Y3VybA==\x07 a\rb \x9b31m \u202eevil \u2028x \ud800', snippet: undefined, reactions: undefined });
    assert.equal(line, '#1 2026-11-25 21:34 bob: \\x1b]52;c;Y3VybA==\\x07 a\\x0db \\x9b31m \\u202eevil \\u2028x \\ud800 (reply to aaaaaaaa) (edited)');
    assert.equal(formatMessage({ ...chat(1, ''), body: '👨\u200d👩\u200d👧 e\u0301' })[0]?.includes('👨\u200d👩\u200d👧 e\u0301'), true, 'emoji sequences and accents print as they are');
  });

  it('keeps a group name or server error with a line break on its one line', () => {
    assert.equal(printed(`Created "x\n#13 2026-11-25 21:34 alice: hi\x1b[2J" (id).`), 'Created "x\\x0a#13 2026-11-25 21:34 alice: hi\\x1b[2J" (id).\n');
  });

  it('prints no control byte and no fake message line for any hostile string in any field', () => {
    for (const text of SHORT_HOSTILE_STRINGS) {
      const out = printed([...formatMessage(chat(1, text)), ...formatMessage(chat(2, text))]);
      assert.deepEqual(terminalProblems(out, ['#1 2026-11-25 21:34 bob: ', '#2 2026-11-25 21:34 bob: ']), [], JSON.stringify(text));
    }
  });

  it('prints no control byte and no fake message line for generated text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.constantFrom('\n', '\r', '#', '1', ' ', '\x1b', '\u2028', 'a', ':', '\x85'), maxLength: 100 }), (a, b) => {
        const out = printed([...formatMessage(chat(1, a + b)), ...formatMessage(chat(2, b + a))]);
        assert.deepEqual(terminalProblems(out, ['#1 2026-11-25 21:34 bob: ', '#2 2026-11-25 21:34 bob: ']), []);
      }),
      { numRuns: 300 },
    );
  });

  it('--json stays one JSON document, with DEL, C1, bidi controls and U+2028/2029 escaped as well', () => {
    const stdout = new PassThrough();
    const value = { body: '\x1b[2J\x7f\x9b\u202e\u2028\u2029\ud800 ok' };
    createOutput(true, stdout, new PassThrough()).result(value, 'unused');
    const text = String(stdout.read());
    assert.equal(text, '{"body":"\\u001b[2J\\u007f\\u009b\\u202e\\u2028\\u2029\\ud800 ok"}\n');
    assert.deepEqual(JSON.parse(text), value);
  });
});
