import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ParameterError, createIdentity, fingerprint, safetyNumber } from '../../../common/crypto';
import { key32Arb, usernameArb } from './helpers';

describe('safety number', () => {
  const alice = { username: 'alice', ...createIdentity() };
  const bob = { username: 'bob', ...createIdentity() };

  it('is 12 groups of 5 digits, and fingerprint is the same function', () => {
    assert.match(safetyNumber(alice, bob), /^\d{5}( \d{5}){11}$/);
    assert.equal(fingerprint(alice, bob), safetyNumber(alice, bob));
  });

  it('is the same whichever side computes it (property)', () => {
    const party = fc.record({ username: usernameArb, encryptionPublicKey: key32Arb, signingPublicKey: key32Arb });
    fc.assert(
      fc.property(party, party, (a, b) => safetyNumber(a, b) === safetyNumber(b, a)),
      { numRuns: 10 },
    );
  });

  it('changes when either key of either side changes, or a username changes', () => {
    const base = safetyNumber(alice, bob);
    const other = createIdentity();
    assert.notEqual(safetyNumber(alice, { ...bob, encryptionPublicKey: other.encryptionPublicKey }), base);
    assert.notEqual(safetyNumber(alice, { ...bob, signingPublicKey: other.signingPublicKey }), base);
    assert.notEqual(safetyNumber({ ...alice, signingPublicKey: other.signingPublicKey }, bob), base);
    assert.notEqual(safetyNumber({ ...alice, username: 'alice2' }, bob), base);
  });

  it('each side owns half of the digits: a change on one side leaves the other half as it was', () => {
    const halves = (n: string) => {
      const digits = n.replace(/ /g, '');
      return [digits.slice(0, 30), digits.slice(30)];
    };
    const before = halves(safetyNumber(alice, bob));
    const after = halves(safetyNumber(alice, { ...bob, signingPublicKey: createIdentity().signingPublicKey }));
    assert.equal(before.filter((h) => after.includes(h)).length, 1);
  });

  it('refuses keys of the wrong size', () => {
    assert.throws(() => safetyNumber(alice, { ...bob, signingPublicKey: new Uint8Array(31) }), ParameterError);
    assert.throws(() => safetyNumber(alice, { ...bob, username: '' }), ParameterError);
  });
});
