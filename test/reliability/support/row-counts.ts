import pg from 'pg';

export type RowCounts = Record<string, number>;

/**
 * Not counted: the rate limiter's attempt counters, which a rejected sign-in attempt is meant
 * to move (that is how a flood of bad requests gets 429); they hold keyed hashes and counts only.
 */
const ATTEMPT_COUNTERS = ['rate_limits'];

/**
 * Counts rows of every table in the test database through a direct connection, so a
 * rejected request can be shown to have written nothing (the server's own view could lie).
 */
export class RowCounter {
  private constructor(private readonly client: pg.Client, private readonly tables: string[]) {}

  static async open(databaseUrl: string): Promise<RowCounter> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    return new RowCounter(client, rows.map((r) => r.table_name).filter((t) => !ATTEMPT_COUNTERS.includes(t)));
  }

  async count(): Promise<RowCounts> {
    if (this.tables.length === 0) return {};
    const sql = this.tables
      .map((t) => `SELECT ${pg.escapeLiteral(t)} AS t, count(*)::int AS n FROM ${pg.escapeIdentifier(t)}`)
      .join(' UNION ALL ');
    const { rows } = await this.client.query<{ t: string; n: number }>(sql);
    return Object.fromEntries(rows.map((r) => [r.t, r.n]));
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** Tables whose count changed, as "table: before -> after". */
export function changedTables(before: RowCounts, after: RowCounts): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((t) => before[t] !== after[t]).map((t) => `${t}: ${before[t]} -> ${after[t]}`);
}
