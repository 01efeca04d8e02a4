import type { Knex } from '@mikro-orm/postgresql';
import type { MessageView } from '../../common/api';
import { isoTime } from './time';

export interface MessageRow {
  seq: string | number;
  msg_id: string;
  sender: string;
  generation: number;
  encrypted_blob: Buffer;
  created_at: Date | string;
  edit_of: string | null;
  delete_of: string | null;
  edited_at: Date | string | null;
  deleted_at: Date | string | null;
}

export const MESSAGE_COLUMNS = 'seq, msg_id, sender, generation, encrypted_blob, created_at, edit_of, delete_of, edited_at, deleted_at';

export function messageView(row: MessageRow): MessageView {
  return {
    seq: Number(row.seq),
    msgId: row.msg_id,
    sender: row.sender,
    generation: row.generation,
    encryptedBlobB64: row.encrypted_blob.toString('base64'),
    createdAt: isoTime(row.created_at),
    ...(row.edit_of ? { editOf: row.edit_of } : {}),
    ...(row.delete_of ? { deleteOf: row.delete_of } : {}),
    ...(row.edited_at ? { editedAt: isoTime(row.edited_at) } : {}),
    ...(row.deleted_at ? { deletedAt: isoTime(row.deleted_at) } : {}),
  };
}

export async function readMessage(knex: Knex, groupId: string, seq: number): Promise<MessageView | undefined> {
  const result = await knex.raw(`SELECT ${MESSAGE_COLUMNS} FROM group_messages WHERE group_id = ? AND seq = ?`, [groupId, seq]);
  const row = result.rows[0] as MessageRow | undefined;
  return row ? messageView(row) : undefined;
}

export async function readMessageByMsgId(knex: Knex, groupId: string, msgId: string): Promise<MessageRow | undefined> {
  const result = await knex.raw(`SELECT ${MESSAGE_COLUMNS} FROM group_messages WHERE group_id = ? AND msg_id = ?`, [groupId, msgId]);
  return result.rows[0] as MessageRow | undefined;
}
