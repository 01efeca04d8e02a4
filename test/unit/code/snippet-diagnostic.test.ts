// The diagnostic a snippet is shared with ("Ask the team"): kept through the envelope, checked
// for sender and reader alike, its line within the snippet's, only its known fields kept.
import * as assert from 'node:assert/strict';
import { ParameterError } from '../../../common/crypto';
import { parseEnvelope, type MessageEnvelope } from '../../../common/messages/envelope';
import { diagnosticOrigin } from '../../../common/messages/snippet-diagnostic';
import { PROTOTYPE_KEYS } from '../../support/hostile-strings';

describe('a snippet shared with its diagnostic', () => {
  const diagnostic = { severity: 'error', message: "Type 'string' is not assignable to type 'number'.", source: 'ts', code: '2322', line: 4, column: 9 } as const;
  const envelope: MessageEnvelope = {
    v: 1, kind: 'snippet', body: 'why?', sentAt: '2026-12-01T20:00:00.000Z',
    snippet: { path: 'src/a.ts', startLine: 1, endLine: 7, language: 'typescript', code: 'x\n'.repeat(7), diagnostic },
  };
  const withDiagnostic = (d: unknown) => ({ ...envelope, snippet: { ...envelope.snippet, diagnostic: d } });

  it('round-trips, and a snippet without one stays without one', () => {
    assert.deepEqual(parseEnvelope(JSON.parse(JSON.stringify(envelope))), envelope);
    const { diagnostic: _d, ...plain } = envelope.snippet!;
    assert.deepEqual(parseEnvelope({ ...envelope, snippet: plain }).snippet, plain);
    const minimal = { severity: 'hint', message: 'm', line: 1 };
    assert.deepEqual(parseEnvelope(withDiagnostic(minimal)).snippet?.diagnostic, minimal);
  });

  it('drops unknown fields, prototype keys among them', () => {
    const extra = JSON.parse(`{"severity":"warning","message":"m","line":2,"html":"<b>","__proto__":{"polluted":1},"constructor":"x"}`) as unknown;
    const parsed = parseEnvelope(withDiagnostic(extra)).snippet?.diagnostic;
    assert.deepEqual(parsed, { severity: 'warning', message: 'm', line: 2 });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    for (const key of PROTOTYPE_KEYS) assert.throws(() => parseEnvelope(withDiagnostic({ [key]: 'error', message: 'm', line: 2 })), ParameterError, key);
  });

  it('refuses a bad shape: severity, empty or huge message, a line outside the snippet, long labels, bad columns', () => {
    const bad: unknown[] = [
      null, 'error', [], { ...diagnostic, severity: 'fatal' }, { ...diagnostic, severity: 'toString' }, { ...diagnostic, message: '' }, { ...diagnostic, message: 'x'.repeat(4001) },
      { ...diagnostic, line: 0 }, { ...diagnostic, line: 8 }, { ...diagnostic, line: 2.5 }, { ...diagnostic, line: '4' }, { ...diagnostic, source: 7 },
      { ...diagnostic, code: 'c'.repeat(201) }, { ...diagnostic, column: 0 }, { ...diagnostic, column: 1.5 }, { ...diagnostic, column: '9' },
    ];
    for (const d of bad) assert.throws(() => parseEnvelope(withDiagnostic(d)), ParameterError, JSON.stringify(d));
  });

  it('names its origin as "source code"', () => {
    assert.equal(diagnosticOrigin({ source: 'ts', code: '2322' }), 'ts 2322');
    assert.equal(diagnosticOrigin({ code: '2322' }), '2322');
    assert.equal(diagnosticOrigin({}), '');
  });
});
