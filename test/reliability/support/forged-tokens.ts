import jwt from 'jsonwebtoken';

// Tokens an attacker (or a stale client) could present. The expired one is signed with the
// server's real secret, so only its age is wrong; the others are fresh but not the server's.
export interface ForgedTokens {
  expired: string;
  otherKey: string;
  algNone: string;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function forgeTokens(serverSecret: string, username: string): ForgedTokens {
  const now = Math.floor(Date.now() / 1000);
  const expired = jwt.sign({ sub: username, iat: now - 3600, exp: now - 1800 }, serverSecret, { algorithm: 'HS256' });
  const otherKey = jwt.sign({ sub: username }, `not-the-server-secret-${serverSecret.length}-x`, { algorithm: 'HS256', expiresIn: 900 });
  const algNone = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: username, iat: now, exp: now + 900 })}.`;
  return { expired, otherKey, algNone };
}
