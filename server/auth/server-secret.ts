import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Knex } from '@mikro-orm/postgresql';

export interface ServerKeys {
  /** HS256 key for access tokens. */
  jwtKey: Buffer;
  /** HMAC key for the fake prelogin salts of unknown usernames. */
  preloginKey: Buffer;
}

/**
 * One secret per database, made by whichever process starts first, so that several
 * processes behind one load balancer accept each other's tokens. JWT_SECRET, when set,
 * replaces it.
 */
export async function loadServerKeys(knex: Knex, jwtSecretFromEnv?: string): Promise<ServerKeys> {
  await knex.raw('INSERT INTO server_secret (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING', [randomBytes(32)]);
  const row = await knex('server_secret').select('secret').where({ id: 1 }).first();
  const stored: Buffer = row.secret;
  const master = jwtSecretFromEnv ? Buffer.from(jwtSecretFromEnv, 'utf8') : stored;
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `teamchat/v1/server/${info}`, 32));
  return { jwtKey: derive('jwt'), preloginKey: derive('prelogin') };
}

/** Stable per username, so asking twice about a stranger gives the same answer as for a real account. */
export function fakeSaltFor(preloginKey: Buffer, username: string): string {
  return createHmac('sha256', preloginKey).update(username).digest().subarray(0, 16).toString('base64');
}
