import type { Knex } from '@mikro-orm/postgresql';
import type { GroupView, MemberView } from '../../common/api';
import { conflict, groupNotFound } from '../http/errors';
import { isoTime } from './time';

/** The caller's standing in a group, read (and optionally row-locked) in one query. */
export interface Membership {
  groupId: string;
  generation: number;
  needsRotation: boolean;
  lastSeq: number;
  isAdmin: boolean;
  kind: 'group' | 'dm';
}

/**
 * 404 for strangers as for missing groups, so ids cannot be probed. With `lock`, the group
 * row is locked until the transaction ends: membership and key changes of one group queue.
 */
export async function requireMembership(knex: Knex, groupId: string, username: string, lock = false): Promise<Membership> {
  const result = await knex.raw(
    `SELECT g.generation, g.needs_rotation, g.last_seq, g.kind, m.is_admin
       FROM groups g JOIN group_memberships m ON m.group_id = g.id
      WHERE g.id = ? AND m.username = ?${lock ? ' FOR UPDATE OF g' : ''}`,
    [groupId, username],
  );
  const row = result.rows[0];
  if (!row) throw groupNotFound();
  return { groupId, generation: row.generation, needsRotation: row.needs_rotation, lastSeq: Number(row.last_seq), isAdmin: row.is_admin, kind: row.kind };
}

/** 409 last_admin when taking `username`'s admin rights (by removal, leave or demotion) would leave none. */
export async function keepAnAdmin(knex: Knex, groupId: string, username: string, doing: string): Promise<void> {
  const rows = await knex('group_memberships').select('username').where({ group_id: groupId, is_admin: true });
  if (rows.length === 1 && rows[0].username === username) throw conflict('last_admin', `A group keeps at least one admin; make another member admin before ${doing}.`);
}

export async function memberNames(knex: Knex, groupId: string): Promise<string[]> {
  const rows: { username: string }[] = await knex('group_memberships').select('username').where({ group_id: groupId });
  return rows.map((r) => r.username);
}

interface MemberRow { group_id: string; username: string; is_admin: boolean; joined_at: Date | string; status?: string; shared_read_seq?: string | null }

/**
 * A deactivated or deleted member is marked (the server's claim: it prompts the group's admins to remove them).
 * `showReads`: the caller shares their own read position, so they see the others' who share theirs.
 */
export function memberView(row: Omit<MemberRow, 'group_id'>, showReads = false): MemberView {
  const view: MemberView = { username: row.username, isAdmin: row.is_admin, joinedAt: isoTime(row.joined_at) };
  if (row.status === 'deactivated' || row.status === 'deleted') view.accountStatus = row.status;
  if (showReads && row.shared_read_seq !== null && row.shared_read_seq !== undefined) view.readSeq = Number(row.shared_read_seq);
  return view;
}

/** The caller's views of one group, or of all theirs when `onlyId` is absent, in four queries. */
export async function groupViews(knex: Knex, username: string, onlyId?: string): Promise<GroupView[]> {
  const groups = await knex.raw(
    `SELECT g.id, g.name, g.topic, g.created_by, g.created_at, g.generation, g.needs_rotation, g.last_seq, g.log_seq, g.kind, m.is_admin, m.read_seq, m.shared_read_seq
       FROM group_memberships m JOIN groups g ON g.id = m.group_id
      WHERE m.username = ?${onlyId ? ' AND g.id = ?' : ''}
      ORDER BY g.created_at, g.id`,
    onlyId ? [username, onlyId] : [username],
  );
  if (groups.rows.length === 0) return [];
  const ids = groups.rows.map((g: { id: string }) => g.id);
  // One after another: inside a transaction they share one connection anyway.
  const members = await knex.raw(`SELECT m.group_id, m.username, m.is_admin, m.joined_at, u.status, m.shared_read_seq
    FROM group_memberships m JOIN users u ON u.username = m.username
    WHERE m.group_id = ANY(?) ORDER BY m.joined_at, m.username`, [ids]);
  const keys = await knex.raw(`SELECT group_id, generation, encrypted_group_key, sealed_by FROM group_member_keys
    WHERE username = ? AND group_id = ANY(?) ORDER BY generation`, [username, ids]);
  const unread = await knex.raw(`SELECT m.group_id, count(*)::int AS unread
      FROM group_memberships m
      JOIN group_messages x ON x.group_id = m.group_id AND x.seq > m.read_seq AND x.sender <> m.username
     WHERE m.username = ? AND m.group_id = ANY(?)
     GROUP BY m.group_id`, [username, ids]);
  const byGroup = <T extends { group_id: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const list = map.get(row.group_id);
      if (list) list.push(row);
      else map.set(row.group_id, [row]);
    }
    return map;
  };
  const membersOf = byGroup<MemberRow>(members.rows);
  const keysOf = byGroup<{ group_id: string; generation: number; encrypted_group_key: Buffer; sealed_by: string }>(keys.rows);
  const unreadOf = new Map<string, number>(unread.rows.map((r: { group_id: string; unread: number }) => [r.group_id, r.unread]));
  return groups.rows.map((g: {
    id: string; name: string; topic: string; created_by: string; created_at: Date | string; generation: number; needs_rotation: boolean;
    last_seq: string; log_seq: number; kind: 'group' | 'dm'; is_admin: boolean; read_seq: string; shared_read_seq: string | null;
  }): GroupView => ({
    id: g.id,
    name: g.name,
    topic: g.topic,
    createdBy: g.created_by,
    createdAt: isoTime(g.created_at),
    generation: g.generation,
    needsRotation: g.needs_rotation,
    isAdmin: g.is_admin,
    lastSeq: Number(g.last_seq),
    readSeq: Number(g.read_seq),
    unread: unreadOf.get(g.id) ?? 0,
    logSeq: g.log_seq,
    kind: g.kind,
    members: (membersOf.get(g.id) ?? []).map((m) => memberView(m, g.shared_read_seq !== null)),
    keys: (keysOf.get(g.id) ?? []).map((k) => ({
      generation: k.generation, encryptedGroupKeyB64: k.encrypted_group_key.toString('base64'), sealedBy: k.sealed_by,
    })),
  }));
}

export async function groupView(knex: Knex, username: string, groupId: string): Promise<GroupView> {
  const [view] = await groupViews(knex, username, groupId);
  if (!view) throw groupNotFound();
  return view;
}
