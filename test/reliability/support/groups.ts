import { randomUUID } from 'node:crypto';
import { generateGroupKey, sealGroupKeyFor } from '../../../common/crypto';
import type { Account } from './accounts';
import { call, expectStatus } from './api';

export interface SharedGroup {
  groupId: string;
  generation: number;
  /** Every generation's key, as the members hold them. */
  keys: Map<number, Uint8Array>;
}

const member = (account: Account) => ({ username: account.username, encryptionPublicKey: account.identity.encryptionPublicKey });

/** Creates a group the way a client does (key sealed for the creator) and adds `others`. */
export async function createSharedGroup(baseUrl: string, admin: Account, others: readonly Account[], name = 'reliability'): Promise<SharedGroup> {
  const groupId = randomUUID();
  const groupKey = generateGroupKey();
  const ctx = { groupId, generation: 1 };
  const created = await call(baseUrl, 'POST', '/api/groups/create', {
    token: admin.token,
    body: { id: groupId, name, encryptedGroupKeyB64: await sealGroupKeyFor(member(admin), groupKey, ctx, admin.identity.signingPrivateKey) },
  });
  expectStatus(created, 201, `create group ${name}`);
  const group: SharedGroup = { groupId, generation: 1, keys: new Map([[1, groupKey]]) };
  for (const other of others) await addToGroup(baseUrl, admin, group, other);
  return group;
}

/** Adds `newcomer` with every generation's key, so history stays readable. */
export async function addToGroup(baseUrl: string, admin: Account, group: SharedGroup, newcomer: Account): Promise<void> {
  const keys = [];
  for (const [generation, key] of group.keys) {
    keys.push({
      generation,
      encryptedGroupKeyB64: await sealGroupKeyFor(member(newcomer), key, { groupId: group.groupId, generation }, admin.identity.signingPrivateKey),
    });
  }
  const added = await call(baseUrl, 'POST', `/api/groups/${group.groupId}/members`, { token: admin.token, body: { username: newcomer.username, keys } });
  expectStatus(added, 201, `add ${newcomer.username}`);
}

/** Removes `leaving` and rotates to a new generation sealed for exactly `remaining`, in one request. */
export async function removeWithRotation(baseUrl: string, admin: Account, group: SharedGroup, leaving: Account, remaining: readonly Account[]): Promise<void> {
  const generation = group.generation + 1;
  const groupKey = generateGroupKey();
  const keys = [];
  for (const account of remaining) {
    keys.push({
      username: account.username,
      encryptedGroupKeyB64: await sealGroupKeyFor(member(account), groupKey, { groupId: group.groupId, generation }, admin.identity.signingPrivateKey),
    });
  }
  const removed = await call(baseUrl, 'DELETE', `/api/groups/${group.groupId}/members/${leaving.username}`, {
    token: admin.token, body: { rotation: { generation, keys } },
  });
  expectStatus(removed, 200, `remove ${leaving.username}`);
  group.generation = generation;
  group.keys.set(generation, groupKey);
}
