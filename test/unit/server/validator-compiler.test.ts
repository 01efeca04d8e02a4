// Params and querystrings are converted property by property instead of by Value.Convert on
// the whole object: for every params and querystring schema of the routes, and any input a URL can carry (text,
// numbers as text, repeated keys as arrays, unknown keys), both must give the same value and
// the same verdict.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import * as api from '../../../common/api';
import { converterFor, validatorCompiler } from '../../../server/http/validator-compiler';

/** Every params and querystring schema the routes use (server/plugins). */
const URL_SCHEMAS = ['GroupParams', 'GroupMemberParams', 'UserParams', 'InviteParams', 'FileParams', 'ChunkParams', 'HistoryQuery', 'LogQuery', 'DownloadQuery', 'PreloginQuery'] as const;
const objectSchemas = URL_SCHEMAS.map((name) => [name, api[name] as TSchema & { properties: Record<string, unknown> }] as const);

const text = fc.oneof(
  fc.string(), fc.integer().map(String), fc.double().map(String), fc.constantFrom('', 'true', 'false', 'null', '1e3', ' 7', '0x10', '-0', '12.5'),
  fc.uuid(), fc.stringMatching(/^[0-9a-f]{32}$/), fc.stringMatching(/^[0-9a-f]{64}$/),
);
const urlValue = fc.oneof(text, fc.array(text, { minLength: 2, maxLength: 3 }));

describe('params and querystring conversion', () => {
  for (const [name, schema] of objectSchemas) {
    it(`${name}: the same value and verdict as Value.Convert`, () => {
      const keys = [...Object.keys(schema.properties), 'other', '__proto__'];
      const check = validatorCompiler({ schema, httpPart: 'querystring', url: '/', method: 'GET' });
      fc.assert(fc.property(fc.dictionary(fc.constantFrom(...keys), urlValue, { maxKeys: keys.length }), (input) => {
        const expected = Value.Convert(schema, structuredClone(input));
        assert.deepEqual(converterFor(schema)(structuredClone(input)), expected);
        const verdict = check(structuredClone(input)) as { value?: unknown; error?: unknown };
        assert.equal(verdict.error === undefined, Value.Check(schema, expected));
      }), { numRuns: 300 });
    });
  }

  it('leaves a body as sent: no number is read out of a string', () => {
    const check = validatorCompiler({ schema: api.PostMessageBody, httpPart: 'body', url: '/', method: 'POST' });
    const verdict = check({ msgId: '0'.repeat(32), generation: '1', encryptedBlobB64: 'AAAA' }) as { error?: unknown };
    assert.ok(verdict.error);
  });
});
