import { hkdfSync, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';

// Tokens an attacker (or a stale client) could present. The expired one is signed with the
// server's real token key, so only its age is wrong (the matrix checks the server answers
// token_expired, which also proves the key below still matches the server's); the others
// carry every claim right but are not signed by the server.
export interface ForgedTokens {
  expired: string;
  otherKey: string;
  algNone: string;
}

const ISSUER = 'teamchat';

/** The server's access-token key as server/auth/server-secret.ts derives it from JWT_SECRET. */
function serverTokenKey(jwtSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(jwtSecret, 'utf8'), Buffer.alloc(0), 'teamchat/v1/server/jwt', 32));
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function forgeTokens(jwtSecret: string, username: string): ForgedTokens {
  const now = Math.floor(Date.now() / 1000);
  const expired = jwt.sign({ sub: username, iss: ISSUER, iat: now - 3600, exp: now - 1800 }, serverTokenKey(jwtSecret), { algorithm: 'HS256' });
  const otherKey = jwt.sign({ sub: username }, randomBytes(32), { algorithm: 'HS256', expiresIn: 900, issuer: ISSUER });
  const algNone = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: username, iss: ISSUER, iat: now, exp: now + 900 })}.`;
  return { expired, otherKey, algNone };
}
