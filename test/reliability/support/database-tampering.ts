import pg from 'pg';

/**
 * What a compromised server (or anyone with write access to its database) can do behind
 * the API's back. The protocol must hold even then: members' clients have to notice.
 */
export class DatabaseTampering {
  private constructor(private readonly client: pg.Client) {}

  static async open(databaseUrl: string): Promise<DatabaseTampering> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return new DatabaseTampering(client);
  }

  /** Appends a message row directly, taking the group's next seq as the server would. */
  async insertMessage(row: { groupId: string; msgId: string; sender: string; generation: number; encryptedBlobB64: string }): Promise<number> {
    const { rows } = await this.client.query<{ seq: string }>(
      `WITH next AS (UPDATE groups SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
       INSERT INTO group_messages (group_id, seq, msg_id, sender, generation, encrypted_blob)
       SELECT $1, last_seq, $2, $3, $4, $5 FROM next RETURNING seq`,
      [row.groupId, row.msgId, row.sender, row.generation, Buffer.from(row.encryptedBlobB64, 'base64')],
    );
    const seq = rows[0]?.seq;
    if (seq === undefined) throw new Error(`Group ${row.groupId} does not exist in the database.`);
    return Number(seq);
  }

  /** Replaces a user's public encryption (and optionally signing) key, as a malicious server would. */
  async swapPublicKeys(username: string, encryptionPublicKey: Uint8Array, signingPublicKey?: Uint8Array): Promise<void> {
    const result = signingPublicKey
      ? await this.client.query('UPDATE users SET encryption_public_key = $2, signing_public_key = $3 WHERE username = $1',
        [username, Buffer.from(encryptionPublicKey), Buffer.from(signingPublicKey)])
      : await this.client.query('UPDATE users SET encryption_public_key = $2 WHERE username = $1', [username, Buffer.from(encryptionPublicKey)]);
    if (result.rowCount !== 1) throw new Error(`No user ${username} to tamper with.`);
  }

  /** Any statement, for the attacks that need more than the helpers above. */
  async query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.client.query<R>(sql, params)).rows;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
