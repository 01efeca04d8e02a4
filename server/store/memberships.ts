// Data access for group membership, sealed keys and the group row itself, in the caller's
// transaction (the group row is locked by requireMembership when the change needs it).

import type { Knex } from '@mikro-orm/postgresql';
import type { Rotation } from '../../common/api';
import { notFound } from '../http/errors';

export interface MemberRow {
  username: string;
  is_admin: boolean;
  joined_at: Date | string;
}

export interface SealedCopy {
  generation: number;
  encryptedGroupKeyB64: string;
}

/** Whether this user is in a group of this name (case aside) other than `exceptId`: a second one is made only when asked for. */
export async function isMemberOfOtherGroupNamed(trx: Knex, username: string, name: string, exceptId: string): Promise<boolean> {
  const row = await trx('group_memberships as m').join('groups as g', 'g.id', 'm.group_id')
    .where('m.username', username).whereNot('g.id', exceptId).whereRaw('lower(g.name) = lower(?)', [name]).first('g.id');
  return row !== undefined;
}

/** Creates the group with its creator as admin holding generation 1; false if the id is taken. */
export async function createGroupRow(trx: Knex, group: { id: string; name: string; creator: string; sealedKeyB64: string }): Promise<boolean> {
  const created = await trx.raw('INSERT INTO groups (id, name, created_by) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING id', [group.id, group.name, group.creator]);
  if (created.rows.length === 0) return false;
  await trx('group_memberships').insert({ group_id: group.id, username: group.creator, is_admin: true });
  await insertSealedCopies(trx, group.id, group.creator, [{ generation: 1, encryptedGroupKeyB64: group.sealedKeyB64 }], group.creator);
  return true;
}

/** A new member; their unread count starts at `readSeq`. Undefined if they are one already. */
export async function insertMember(trx: Knex, groupId: string, username: string, readSeq: number): Promise<MemberRow | undefined> {
  const inserted = await trx.raw(
    `INSERT INTO group_memberships (group_id, username, is_admin, read_seq) VALUES (?, ?, false, ?)
     ON CONFLICT (group_id, username) DO NOTHING RETURNING username, is_admin, joined_at`,
    [groupId, username, readSeq],
  );
  return inserted.rows[0];
}

export async function insertSealedCopies(trx: Knex, groupId: string, username: string, copies: SealedCopy[], sealedBy: string): Promise<void> {
  await trx('group_member_keys').insert(copies.map((k) => ({
    group_id: groupId, username, generation: k.generation, encrypted_group_key: Buffer.from(k.encryptedGroupKeyB64, 'base64'), sealed_by: sealedBy,
  })));
}

/** Generation g+1 for each holder, and the group moved to it. */
export async function storeRotation(trx: Knex, groupId: string, rotation: Rotation, sealedBy: string): Promise<void> {
  await trx('group_member_keys').insert(rotation.keys.map((k) => ({
    group_id: groupId, username: k.username, generation: rotation.generation,
    encrypted_group_key: Buffer.from(k.encryptedGroupKeyB64, 'base64'), sealed_by: sealedBy,
  })));
  await trx('groups').where({ id: groupId }).update({ generation: rotation.generation, needs_rotation: false });
}

export async function readMember(trx: Knex, groupId: string, username: string): Promise<MemberRow> {
  const row = await trx('group_memberships').select('username', 'is_admin', 'joined_at').where({ group_id: groupId, username }).first();
  if (!row) throw notFound('member_not_found', `${username} is not a member of this group.`);
  return row as MemberRow;
}

/** Their sealed keys go with the membership (a foreign key in the migration). */
export async function deleteMember(trx: Knex, groupId: string, username: string): Promise<void> {
  await trx('group_memberships').where({ group_id: groupId, username }).delete();
}

export async function markNeedsRotation(trx: Knex, groupId: string): Promise<void> {
  await trx('groups').where({ id: groupId }).update({ needs_rotation: true });
}

export async function setAdmin(trx: Knex, groupId: string, username: string, admin: boolean): Promise<void> {
  await trx('group_memberships').where({ group_id: groupId, username }).update({ is_admin: admin });
}

/** Everything in the group goes with it (ON DELETE CASCADE), its log included. */
export async function deleteGroup(trx: Knex, groupId: string): Promise<void> {
  await trx('groups').where({ id: groupId }).delete();
}

export async function groupName(trx: Knex, groupId: string): Promise<string> {
  return (await groupNameAndTopic(trx, groupId)).name;
}

export async function groupNameAndTopic(trx: Knex, groupId: string): Promise<{ name: string; topic: string }> {
  const row: { name: string; topic: string } | undefined = await trx('groups').select('name', 'topic').where({ id: groupId }).first();
  return row ?? { name: '', topic: '' };
}

/** A rename or a new topic, in the transaction that stores its link. */
export async function updateGroupText(trx: Knex, groupId: string, change: { name: string } | { topic: string }): Promise<void> {
  await trx('groups').where({ id: groupId }).update(change);
}

/** Every member with admin flag and registered keys, by username: what a start link must state. */
export async function membersWithKeys(trx: Knex, groupId: string): Promise<Array<{ username: string; admin: boolean; encryptionKey: string; signingKey: string }>> {
  const rows: { username: string; is_admin: boolean; encryption_public_key: Buffer; signing_public_key: Buffer }[] = await trx('group_memberships as m')
    .join('users as u', 'u.username', 'm.username').select('m.username', 'm.is_admin', 'u.encryption_public_key', 'u.signing_public_key')
    .where({ 'm.group_id': groupId }).orderBy('m.username');
  return rows.map((r) => ({
    username: r.username, admin: r.is_admin, encryptionKey: r.encryption_public_key.toString('base64'), signingKey: r.signing_public_key.toString('base64'),
  }));
}
