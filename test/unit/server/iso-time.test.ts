// The server's timestamps leave as ISO 8601: the sliced fast path must say exactly what parsing
// the PostgreSQL text into a Date says, for every precision PostgreSQL prints.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isoTime } from '../../../server/store/time';

const viaDate = (text: string) => new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();

/** What PostgreSQL prints for a timestamptz in a UTC session: trailing zeros of the fraction dropped, no dot for a whole second. */
function postgresText(ms: number, micros: number): string {
  const iso = new Date(ms).toISOString();
  const fraction = `${iso.slice(20, 23)}${String(micros).padStart(3, '0')}`.replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''}+00`;
}

describe('isoTime', () => {
  it('turns PostgreSQL UTC text into the ISO 8601 a Date gives, sub-millisecond digits cut', () => {
    fc.assert(fc.property(
      fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31) }), fc.integer({ min: 0, max: 999 }),
      (ms, micros) => {
        const text = postgresText(ms, micros);
        assert.equal(isoTime(text), viaDate(text), text);
      },
    ), { numRuns: 5000 });
    assert.equal(isoTime('2026-11-25 21:40:00+00'), '2026-11-25T21:40:00.000Z');
    assert.equal(isoTime('2026-11-25 21:40:00.5+00'), '2026-11-25T21:40:00.500Z');
    assert.equal(isoTime('2026-11-25 21:40:00.999999+00'), '2026-11-25T21:40:00.999Z');
  });

  it('still reads other offsets and Date values', () => {
    assert.equal(isoTime('2026-11-25 23:40:00.25+02'), '2026-11-25T21:40:00.250Z');
    assert.equal(isoTime(new Date(Date.UTC(2026, 10, 25, 21, 40))), '2026-11-25T21:40:00.000Z');
  });
});
