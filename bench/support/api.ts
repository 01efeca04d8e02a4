import { randomBytes, randomUUID } from 'node:crypto';
import {
  createIdentity, generateGroupKey, newKdfParams, sealGroupKeyFor, sealKeyVault, type Identity,
} from '../../common/crypto';

export interface BenchUser {
  username: string;
  identity: Identity;
  authKeyB64: string;
  token: string;
}

export interface BenchGroup {
  id: string;
  key: Uint8Array;
  generation: number;
}

export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** One setup request; throws unless the status is the expected one. */
export async function call<T>(baseUrl: string, method: string, path: string, expected: number, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (response.status !== expected) throw new SetupError(`${method} ${path} answered ${response.status}, expected ${expected}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Registers and signs in a user with a real identity and key vault but a random authKey:
 * the client's Argon2id is measured on its own (signin section), not paid per bench user.
 */
export async function registerUser(baseUrl: string, username: string): Promise<BenchUser> {
  const identity = createIdentity();
  const authKeyB64 = b64(randomBytes(32));
  await call(baseUrl, 'POST', '/api/auth/register', 201, {
    username,
    kdf: newKdfParams(),
    authKeyB64,
    encryptionPublicKeyB64: b64(identity.encryptionPublicKey),
    signingPublicKeyB64: b64(identity.signingPublicKey),
    keyVaultB64: sealKeyVault(randomBytes(32), identity, username),
  });
  const login = await call<{ accessToken: string }>(baseUrl, 'POST', '/api/auth/login', 200, { username, authKeyB64 });
  return { username, identity, authKeyB64, token: login.accessToken };
}

export async function registerUsers(baseUrl: string, prefix: string, count: number, width = 4): Promise<BenchUser[]> {
  return inLanes(Array.from({ length: count }, (_, i) => `${prefix}${i}`), width, (name) => registerUser(baseUrl, name));
}

export async function createGroup(baseUrl: string, owner: BenchUser, name: string): Promise<BenchGroup> {
  const id = randomUUID();
  const key = generateGroupKey();
  const encryptedGroupKeyB64 = await sealGroupKeyFor(
    { username: owner.username, encryptionPublicKey: owner.identity.encryptionPublicKey }, key, { groupId: id, generation: 1 },
    owner.identity.signingPrivateKey,
  );
  await call(baseUrl, 'POST', '/api/groups/create', 201, { id, name, encryptedGroupKeyB64 }, owner.token);
  return { id, key, generation: 1 };
}

export async function addMembers(baseUrl: string, admin: BenchUser, group: BenchGroup, members: readonly BenchUser[], width = 4): Promise<void> {
  await inLanes(members, width, async (member) => {
    const encryptedGroupKeyB64 = await sealGroupKeyFor(
      { username: member.username, encryptionPublicKey: member.identity.encryptionPublicKey }, group.key,
      { groupId: group.id, generation: group.generation }, admin.identity.signingPrivateKey,
    );
    await call(baseUrl, 'POST', `/api/groups/${group.id}/members`, 201,
      { username: member.username, keys: [{ generation: group.generation, encryptedGroupKeyB64 }] }, admin.token);
  });
}

/** Runs `work` over `items` with at most `width` in flight. */
export async function inLanes<T, R>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  }));
  return results;
}
