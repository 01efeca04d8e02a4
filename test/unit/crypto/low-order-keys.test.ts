import assert from 'node:assert/strict';
import { createIdentity, generateGroupKey, ParameterError, sealGroupKeyFor } from '../../../common/crypto';

// The X25519 points of small order (and their non-canonical encodings), as listed by
// libsodium (crypto_scalarmult/curve25519/ref10) and in RFC 7748 section 6.1's warning: a
// shared secret with any of them is all zeros.
const LOW_ORDER_POINTS = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];

describe('sealing a group key to a low-order X25519 key', () => {
  const sealer = createIdentity();
  for (const hex of LOW_ORDER_POINTS) {
    it(`refuses ${hex.slice(0, 8)}… with the project's ParameterError`, async () => {
      const member = { username: 'mallory', encryptionPublicKey: new Uint8Array(Buffer.from(hex, 'hex')) };
      await assert.rejects(sealGroupKeyFor(member, generateGroupKey(), { groupId: '6f1c2a9e-1111-4222-8333-944455556666', generation: 1 }, sealer.signingPrivateKey), (error: unknown) => {
        assert.ok(error instanceof ParameterError, `got ${(error as Error).name}: ${(error as Error).message}`);
        assert.match(error.message, /mallory.*low-order/);
        return true;
      });
    });
  }
});
