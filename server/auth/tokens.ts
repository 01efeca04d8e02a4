import { createHash, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { unauthorized } from '../http/errors';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_DAYS = 30;
const ISSUER = 'teamchat';

export function issueAccessToken(jwtKey: Buffer, username: string): string {
  return jwt.sign({}, jwtKey, { algorithm: 'HS256', subject: username, expiresIn: ACCESS_TOKEN_SECONDS, issuer: ISSUER });
}

/** The username the token was issued to; a 401 for anything else, including alg "none". */
export function verifyAccessToken(jwtKey: Buffer, token: string): string {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, jwtKey, { algorithms: ['HS256'], issuer: ISSUER });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw unauthorized('token_expired', 'Your session has expired; refresh the access token and try again.');
    throw unauthorized('unauthorized', 'The access token is not valid; sign in again.');
  }
  if (typeof payload === 'string' || typeof payload.sub !== 'string' || !payload.sub) {
    throw unauthorized('unauthorized', 'The access token is not valid; sign in again.');
  }
  return payload.sub;
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
