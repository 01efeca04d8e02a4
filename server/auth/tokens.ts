import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { unauthorized } from '../http/errors';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_DAYS = 30;
const ISSUER = 'teamchat';

// jsonwebtoken first tries a raw key as a PEM public key and catches the failure: about
// 0.7 ms per call, most of a send's CPU. A KeyObject skips that (12 µs), so make it once.
const secretKeys = new WeakMap<Buffer, KeyObject>();
function secretKeyOf(jwtKey: Buffer): KeyObject {
  let key = secretKeys.get(jwtKey);
  if (!key) secretKeys.set(jwtKey, (key = createSecretKey(jwtKey)));
  return key;
}

export function issueAccessToken(jwtKey: Buffer, username: string, seconds = ACCESS_TOKEN_SECONDS): string {
  return jwt.sign({}, secretKeyOf(jwtKey), { algorithm: 'HS256', subject: username, expiresIn: seconds, issuer: ISSUER });
}

/** The username the token was issued to; a 401 for anything else, including alg "none". */
export function verifyAccessToken(jwtKey: Buffer, token: string): string {
  return verifyAccessTokenClaims(jwtKey, token).username;
}

/** verifyAccessToken, plus when the token stops being valid (ms since the epoch). */
export function verifyAccessTokenClaims(jwtKey: Buffer, token: string): { username: string; expiresAtMs: number } {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, secretKeyOf(jwtKey), { algorithms: ['HS256'], issuer: ISSUER });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw unauthorized('token_expired', 'Your session has expired; refresh the access token and try again.');
    throw unauthorized('unauthorized', 'The access token is not valid; sign in again.');
  }
  if (typeof payload === 'string' || typeof payload.sub !== 'string' || !payload.sub) {
    throw unauthorized('unauthorized', 'The access token is not valid; sign in again.');
  }
  if (typeof payload.exp !== 'number') throw unauthorized('unauthorized', 'The access token is not valid; sign in again.');
  return { username: payload.sub, expiresAtMs: payload.exp * 1000 };
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
