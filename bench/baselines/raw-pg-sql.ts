// The SQL of a send and of a history page, written once for the raw baselines (the
// node:http route, the direct pool loop) so they measure the same work as each other.

/** Takes the group's next seq and stores the message in one statement, as a send must. */
export const INSERT_SQL = `WITH next AS (
    UPDATE groups SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
  INSERT INTO group_messages (group_id, seq, msg_id, sender, generation, encrypted_blob)
  SELECT $1, next.last_seq, $2, $3, $4, $5 FROM next
  RETURNING seq, msg_id, sender, generation, encrypted_blob, created_at`;

/** One keyset page, newest first; the caller asks for one more row to learn hasMore. */
export const HISTORY_SQL = `SELECT seq, msg_id, sender, generation, encrypted_blob, created_at
  FROM group_messages WHERE group_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`;

export interface RawMessageRow {
  seq: string;
  msg_id: string;
  sender: string;
  generation: number;
  encrypted_blob: Buffer;
  created_at: Date;
}

export function rowView(row: RawMessageRow) {
  return {
    seq: Number(row.seq),
    msgId: row.msg_id,
    sender: row.sender,
    generation: row.generation,
    encryptedBlobB64: row.encrypted_blob.toString('base64'),
    createdAt: row.created_at.toISOString(),
  };
}

/** The same answer shape as GET /api/groups/{id}/messages: ascending seq, hasMore. */
export function pageView(rows: RawMessageRow[], limit: number) {
  const page = rows.slice(0, limit).reverse();
  return { messages: page.map(rowView), hasMore: rows.length > limit };
}
