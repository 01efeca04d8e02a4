// Access tokens are verified once and then known by their exact text: a known token must still
// expire on time, a changed byte must still fail, and a rotation must refuse the old key's tokens.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { issueAccessToken, verifyAccessToken } from '../../../server/auth/tokens';
import { ApiHttpError } from '../../../server/http/errors';

const refusedWith = (code: string) => (error: unknown) => error instanceof ApiHttpError && error.statusCode === 401 && error.code === code;

describe('access tokens', () => {
  it('answers a known token with the same claims, and a token with one byte changed is still refused', () => {
    const keys = { jwtKey: randomBytes(32) };
    const token = issueAccessToken(keys.jwtKey, 'alice', 'sign-in-1');
    const first = verifyAccessToken(keys, token);
    assert.deepEqual({ ...verifyAccessToken(keys, token) }, { ...first });
    assert.equal(first.username, 'alice');
    assert.equal(first.signIn, 'sign-in-1');
    const signature = token.slice(token.lastIndexOf('.') + 1);
    const flipped = `${token.slice(0, token.lastIndexOf('.') + 1)}${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    assert.throws(() => verifyAccessToken(keys, flipped), refusedWith('unauthorized'));
    const [header, , sig] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ sid: 'sign-in-1', sub: 'mallory', iss: 'teamchat', exp: first.expiresAtMs / 1000 })).toString('base64url');
    assert.throws(() => verifyAccessToken(keys, `${header}.${otherPayload}.${sig}`), refusedWith('unauthorized'));
  });

  it('refuses a known token once it expires (token_expired), as at its first check', () => {
    const keys = { jwtKey: randomBytes(32) };
    const token = issueAccessToken(keys.jwtKey, 'alice', 'sign-in-1', 60);
    const claims = verifyAccessToken(keys, token);
    const realNow = Date.now;
    try {
      Date.now = () => claims.expiresAtMs - 1;
      assert.equal(verifyAccessToken(keys, token).username, 'alice');
      Date.now = () => claims.expiresAtMs;
      assert.throws(() => verifyAccessToken(keys, token), refusedWith('token_expired'));
      assert.throws(() => verifyAccessToken(keys, token), refusedWith('token_expired'), 'and again, from a full check');
    } finally {
      Date.now = realNow;
    }
  });

  it('refuses a known token after the secret is rotated (token_expired: the client refreshes)', () => {
    const keys: { jwtKey: Buffer; retiredJwtKey?: Buffer } = { jwtKey: randomBytes(32) };
    const token = issueAccessToken(keys.jwtKey, 'alice', 'sign-in-1');
    verifyAccessToken(keys, token);
    Object.assign(keys, { retiredJwtKey: keys.jwtKey, jwtKey: randomBytes(32) });
    assert.throws(() => verifyAccessToken(keys, token), refusedWith('token_expired'));
    Object.assign(keys, { retiredJwtKey: undefined, jwtKey: randomBytes(32) });
    assert.throws(() => verifyAccessToken(keys, token), refusedWith('unauthorized'));
  });

  it('keeps the claims it hands out from being changed by a caller', () => {
    const keys = { jwtKey: randomBytes(32) };
    const token = issueAccessToken(keys.jwtKey, 'alice', 'sign-in-1');
    const claims = verifyAccessToken(keys, token);
    assert.throws(() => { (claims as { username: string }).username = 'mallory'; }, TypeError);
    assert.equal(verifyAccessToken(keys, token).username, 'alice');
  });
});
