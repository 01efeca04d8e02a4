// Ten thousand accounts cannot each sign up (the client's Argon2id alone, 64 MiB and t=3,
// would take hours here), so they are made in SQL as copies of one account registered
// through the API, and put in groups made through the API. Their access tokens are minted
// as the server's auth does (HS256 under the key it derives from JWT_SECRET, a sign-in id of
// its own each), so every socket still goes through the server's whole sign-in: token check,
// ended-sign-in check, expiry timer, hub and presence. The groups have no log links past
// their creation: these clients read events, not the group log, and decrypt nothing.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { keysFromEnvSecret } from '../../../server/auth/server-secret';
import { issueAccessToken } from '../../../server/auth/tokens';
import { createGroup, registerUser, type BenchGroup, type BenchUser } from '../api';
import type { ScaleClientSpec } from './swarm-protocol';

export interface ScaleWorld {
  owner: BenchUser;
  clients: ScaleClientSpec[];
  /** Groups of `teamSize`, each client in one. */
  teams: BenchGroup[];
  /** The large group: the first `bigSize` clients, who are in a team as well. */
  big: BenchGroup;
}

/** Tokens live long enough for the whole run: the socket's expiry timer is still set by the server. */
const TOKEN_SECONDS = 3 * 60 * 60;

export async function seedScaleWorld(baseUrl: string, databaseUrl: string, jwtSecret: string, count: number, teamSize: number, bigSize: number): Promise<ScaleWorld> {
  const owner = await registerUser(baseUrl, 'scaleowner');
  const teamCount = Math.ceil(count / teamSize);
  const teams: BenchGroup[] = [];
  for (let t = 0; t < teamCount; t++) teams.push(await createGroup(baseUrl, owner, `team ${t}`));
  const big = await createGroup(baseUrl, owner, 'all hands');

  const usernames = Array.from({ length: count }, (_, i) => `s${String(i).padStart(5, '0')}`);
  const groupIds: string[] = [];
  const members: string[] = [];
  usernames.forEach((name, i) => {
    groupIds.push((teams[Math.floor(i / teamSize)] as BenchGroup).id);
    members.push(name);
    if (i < bigSize) {
      groupIds.push(big.id);
      members.push(name);
    }
  });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO users (username, kdf, auth_key_hash, encryption_public_key, signing_public_key, key_vault)
       SELECT name, kdf, auth_key_hash, encryption_public_key, signing_public_key, key_vault
       FROM users, unnest($1::text[]) AS name WHERE username = $2`, [usernames, owner.username]);
    await db.query(
      'INSERT INTO group_memberships (group_id, username) SELECT * FROM unnest($1::uuid[], $2::text[])', [groupIds, members]);
  } finally {
    await db.end();
  }
  const { jwtKey } = keysFromEnvSecret(jwtSecret);
  const clients = usernames.map((username, i) => ({
    username,
    token: issueAccessToken(jwtKey, username, randomUUID(), TOKEN_SECONDS),
    groups: i < bigSize ? [(teams[Math.floor(i / teamSize)] as BenchGroup).id, big.id] : [(teams[Math.floor(i / teamSize)] as BenchGroup).id],
  }));
  return { owner, clients, teams, big };
}
