// Base64 in, one spelling only: fromBase64 refuses what is not padded standard base64, and the
// spellings that decode to the same bytes as the canonical one (spare bits set in the last
// character), so a server cannot hand round two texts of one signature or key.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { fromBase64, toBase64 } from '../../../common/crypto/bytes';
import { ParameterError } from '../../../common/crypto/errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

describe('base64', () => {
  it('round-trips every length, the canonical spelling', () => {
    for (let n = 0; n <= 66; n++) {
      const bytes = randomBytes(n);
      assert.deepEqual(Buffer.from(fromBase64(toBase64(bytes), 'value')), bytes);
    }
  });

  it('refuses a spelling with spare bits set, though Node would decode it to the same bytes', () => {
    for (const n of [1, 2, 32, 64]) {
      const canonical = toBase64(randomBytes(n));
      const at = canonical.search(/=*$/) - 1;
      const spare = canonical.endsWith('==') ? 4 : 2;
      const other = ALPHABET[ALPHABET.indexOf(canonical[at] as string) | ((1 << spare) - 1)] as string;
      const respelled = canonical.slice(0, at) + other + canonical.slice(at + 1);
      assert.deepEqual(Buffer.from(respelled, 'base64'), Buffer.from(canonical, 'base64'), 'Node reads both alike');
      assert.throws(() => fromBase64(respelled, 'signature'), (e: unknown) => e instanceof ParameterError && /not canonical base64/.test(e.message));
    }
  });

  it('refuses what is not padded standard base64', () => {
    for (const text of ['abc', 'ab=c', 'YWJj\n', 'YW Jj', 'YWJj-_', 'YQ', 'Y===']) {
      assert.throws(() => fromBase64(text, 'value'), ParameterError, JSON.stringify(text));
    }
  });
});
