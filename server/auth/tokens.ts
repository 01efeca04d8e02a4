import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { unauthorized } from '../http/errors';
import type { ServerKeys } from './server-secret';

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

/** `signIn`: the sign-in's refresh-token family (claim `sid`), so that ending the sign-in refuses its access tokens too. */
export function issueAccessToken(jwtKey: Buffer, username: string, signIn: string, seconds = ACCESS_TOKEN_SECONDS): string {
  return jwt.sign({ sid: signIn }, secretKeyOf(jwtKey), { algorithm: 'HS256', subject: username, expiresIn: seconds, issuer: ISSUER });
}

export interface AccessClaims {
  username: string;
  /** The sign-in (refresh-token family); absent in a token issued before sign-ins were named. */
  signIn?: string;
  /** When the token stops being valid (ms since the epoch). */
  expiresAtMs: number;
}

type VerifyingKeys = Pick<ServerKeys, 'jwtKey' | 'retiredJwtKey'>;

const expired = () => unauthorized('token_expired', 'Your session has expired; refresh the access token and try again.');

/** Bounds the memory of verified tokens; past it they are forgotten all at once and verified again. */
const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Tokens whose signature checked out, by their exact text, per signing key: a client sends
 * the same access token with every request until it refreshes, and verifying it again (JSON
 * parsing, an HMAC, the claims) was 5% of a send's CPU. Only the signature's verdict is kept:
 * expiry is checked at each use, ended sign-ins by the caller. A token signed by a retired
 * key is not found under the new one, so a rotation refuses it at once.
 */
const verifiedTokens = new WeakMap<Buffer, Map<string, AccessClaims>>();

function rememberVerified(jwtKey: Buffer, token: string, claims: AccessClaims): void {
  let known = verifiedTokens.get(jwtKey);
  if (!known) verifiedTokens.set(jwtKey, (known = new Map()));
  if (known.size >= MAX_VERIFIED_TOKENS) known.clear();
  known.set(token, claims);
}

/** Who the token was issued to, in which sign-in, until when; a 401 for anything else, including alg "none". */
export function verifyAccessToken(keys: VerifyingKeys, token: string): AccessClaims {
  const known = verifiedTokens.get(keys.jwtKey)?.get(token);
  if (known) {
    // jsonwebtoken's own rule: expired from the second of `exp` on.
    if (Math.floor(Date.now() / 1000) < known.expiresAtMs / 1000) return known;
    verifiedTokens.get(keys.jwtKey)?.delete(token);
    throw expired();
  }
  const claims = verifySignedToken(keys, token);
  rememberVerified(keys.jwtKey, token, claims);
  return claims;
}

function verifySignedToken(keys: VerifyingKeys, token: string): AccessClaims {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, secretKeyOf(keys.jwtKey), { algorithms: ['HS256'], issuer: ISSUER });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError || signedByRetiredKey(keys, token)) throw expired();
    throw unauthorized('unauthorized', 'The access token is not valid; sign in again.');
  }
  if (typeof payload === 'string' || typeof payload.sub !== 'string' || !payload.sub) {
    throw unauthorized('unauthorized', 'The access token is not valid; sign in again.');
  }
  if (typeof payload.exp !== 'number') throw unauthorized('unauthorized', 'The access token is not valid; sign in again.');
  const signIn = typeof payload.sid === 'string' ? payload.sid : undefined;
  return Object.freeze({ username: payload.sub, expiresAtMs: payload.exp * 1000, ...(signIn ? { signIn } : {}) });
}

/** Signed before the last secret rotation: the holder is told to refresh, as at expiry. */
function signedByRetiredKey(keys: VerifyingKeys, token: string): boolean {
  if (!keys.retiredJwtKey) return false;
  try {
    jwt.verify(token, secretKeyOf(keys.retiredJwtKey), { algorithms: ['HS256'], issuer: ISSUER, ignoreExpiration: true });
    return true;
  } catch {
    return false;
  }
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
