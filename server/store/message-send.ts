import type { Knex } from '@mikro-orm/postgresql';
import type { MessageView } from '../../common/api';
import { runStatement, type Statement } from '../db/statements';
import { requireMembership, type Membership } from './groups';
import { MESSAGE_COLUMNS, messageView, readMessageByMsgId, type MessageRow } from './messages';

export interface MessageSend {
  groupId: string;
  sender: string;
  generation: number;
  msgId: string;
  blob: Buffer;
  editOf?: string;
  deleteOf?: string;
  /** Completed uploads of the sender this message carries (docs/files.md). */
  fileIds?: string[];
  /** Opaque thread tag, stored as sent (docs/threads.md). */
  threadTag?: string;
}

/** What a send came to; the route turns a duplicate or a refusal into its answer. */
export type SendOutcome =
  /** `members` as the send saw them, when the store read them anyway (spares the fan-out a query). */
  | { kind: 'stored'; message: MessageView; members?: string[] }
  /** A row with this msgId exists already: a retry of this send, or a clash. */
  | { kind: 'duplicate'; row: MessageRow }
  /** The sender is a member but may not post under this generation now. */
  | { kind: 'refused'; membership: Membership }
  /** A file it names is not a complete upload of the sender's in this group, free to attach. */
  | { kind: 'file-refused' };

/**
 * Takes the group's next seq, only for a member sending under the current generation of a
 * group that needs no rotation. The row lock it takes until commit is what keeps a group's
 * sequence numbers gap-free and ordered. Parameters: group id, sender, generation.
 */
const TAKE_NEXT_SEQ = `UPDATE groups g SET last_seq = g.last_seq + 1
    FROM group_memberships m
   WHERE g.id = ? AND m.group_id = g.id AND m.username = ? AND g.generation = ? AND NOT g.needs_rotation`;

const UNIQUE_VIOLATION = '23505';

/** Thrown inside the transaction so the seq it took is rolled back. */
class Undone extends Error {
  constructor(readonly outcome: Exclude<SendOutcome, { kind: 'stored' }>) {
    super('send undone');
  }
}

/** TAKE_NEXT_SEQ, the new msgId's check and the insert; parameters: group, sender, generation, msgId, blob, thread tag. */
const SEND_IN_ONE_STATEMENT: Statement = {
  name: 'teamchat_send_v1',
  text: `WITH bumped AS (
      UPDATE groups g SET last_seq = g.last_seq + 1
        FROM group_memberships m
       WHERE g.id = $1 AND m.group_id = g.id AND m.username = $2 AND g.generation = $3 AND NOT g.needs_rotation
         AND NOT EXISTS (SELECT 1 FROM group_messages x WHERE x.group_id = g.id AND x.msg_id = $4)
      RETURNING g.id, g.last_seq)
    , stored AS (
      INSERT INTO group_messages (group_id, seq, msg_id, sender, generation, encrypted_blob, thread_tag)
      SELECT bumped.id, bumped.last_seq, $4, $2, $3::int, $5::bytea, $6::varchar FROM bumped
      RETURNING ${MESSAGE_COLUMNS})
    SELECT stored.*, ARRAY(SELECT m.username FROM group_memberships m WHERE m.group_id = $1) AS members FROM stored`,
};

/**
 * A plain send as one autocommit statement: membership, generation and a new msgId are
 * checked, the group's next seq taken and the row stored together. The group row's lock is
 * then held only while the statement runs and commits, not across client round trips, and
 * it is what every concurrent sender to the group waits on. Returns undefined when nothing
 * was stored (including a duplicate msgId racing in: its unique violation undoes the bump,
 * so seqs stay gap-free), for the slow path to explain.
 */
async function sendInOneStatement(knex: Knex, send: MessageSend): Promise<SendOutcome | undefined> {
  const { groupId, sender, generation, msgId, blob } = send;
  try {
    const result = await runStatement<MessageRow & { members: string[] }>(knex, SEND_IN_ONE_STATEMENT,
      [groupId, sender, generation, msgId, blob, send.threadTag ?? null]);
    const row = result.rows[0];
    return row ? { kind: 'stored', message: messageView(row), members: row.members } : undefined;
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) return undefined;
    throw error;
  }
}

/**
 * The slow path: finds out why the fast one stored nothing (a retry, not a member, a stale
 * generation), and stores edits and deletes, marking their target in the same transaction.
 * A stranger gets the 404 of requireMembership.
 */
async function sendInTransaction(knex: Knex, send: MessageSend): Promise<SendOutcome> {
  const { groupId, sender, generation, msgId, blob } = send;
  const targetId = send.editOf ?? send.deleteOf;
  try {
    return await knex.transaction(async (trx) => {
      const bumped = await trx.raw(`${TAKE_NEXT_SEQ} RETURNING g.last_seq`, [groupId, sender, generation]);
      if (bumped.rows.length === 0) {
        const membership = await requireMembership(trx, groupId, sender);
        const existing = await readMessageByMsgId(trx, groupId, msgId);
        throw new Undone(existing ? { kind: 'duplicate', row: existing } : { kind: 'refused', membership });
      }
      const inserted = await trx.raw(
        `INSERT INTO group_messages (group_id, seq, msg_id, sender, generation, encrypted_blob, edit_of, delete_of, thread_tag)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (group_id, msg_id) DO NOTHING RETURNING ${MESSAGE_COLUMNS}`,
        [groupId, bumped.rows[0].last_seq, msgId, sender, generation, blob, send.editOf ?? null, send.deleteOf ?? null, send.threadTag ?? null],
      );
      if (inserted.rows.length === 0) {
        const existing = await readMessageByMsgId(trx, groupId, msgId);
        if (existing) throw new Undone({ kind: 'duplicate', row: existing });
      }
      if (targetId) {
        await trx.raw(
          `UPDATE group_messages SET ${send.editOf ? 'edited_at' : 'deleted_at'} = now() WHERE group_id = ? AND msg_id = ? AND sender = ?`,
          [groupId, targetId, sender],
        );
      }
      // A deleted message's files go with it, chunks and all (they cascade).
      if (send.deleteOf) await trx.raw('DELETE FROM files WHERE group_id = ? AND msg_id = ? AND uploader = ?', [groupId, send.deleteOf, sender]);
      if (send.fileIds?.length) await attachFiles(trx, send, send.fileIds);
      return { kind: 'stored' as const, message: messageView(inserted.rows[0]) };
    });
  } catch (error) {
    if (error instanceof Undone) return error.outcome;
    throw error;
  }
}

/** Ties complete uploads of the sender to the message being stored, or undoes the send. */
async function attachFiles(trx: Knex, send: MessageSend, fileIds: string[]): Promise<void> {
  const attached = await trx.raw(
    `UPDATE files SET msg_id = ? WHERE id = ANY(?::varchar[]) AND group_id = ? AND uploader = ? AND status = 'complete' AND msg_id IS NULL`,
    [send.msgId, fileIds, send.groupId, send.sender],
  );
  if ((attached.rowCount ?? 0) !== fileIds.length) throw new Undone({ kind: 'file-refused' });
}

/** Stores a message with the group's next seq; a plain send tries the one-statement path first. */
export async function storeMessage(knex: Knex, send: MessageSend): Promise<SendOutcome> {
  if (!send.editOf && !send.deleteOf && !send.fileIds?.length) {
    const sent = await sendInOneStatement(knex, send);
    if (sent) return sent;
  }
  return sendInTransaction(knex, send);
}
