import type { Knex } from '@mikro-orm/postgresql';
import type { QueryResult, QueryResultRow } from 'pg';

/** A statement of the hot path, written once with $1, $2... placeholders and named. */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

interface Connection {
  query<R extends QueryResultRow>(config: { name: string; text: string; values: unknown[] }): Promise<QueryResult<R>>;
}

/** The part of knex's client that lends out its pool's pg connections (what knex.raw does inside). */
interface PoolClient {
  acquireConnection(): Promise<Connection>;
  releaseConnection(connection: Connection): Promise<unknown>;
}

/**
 * Runs one autocommit statement on a connection of the pool, straight through pg: knex's
 * query building and runner took more of a send's CPU than the send's own work, and a named
 * statement is parsed and planned by PostgreSQL once per connection, not on every send.
 * A broken connection goes back to the pool as with knex.raw, whose check on lending it
 * out throws it away. Never inside a transaction: that one's connection is not the pool's.
 */
export async function runStatement<R extends QueryResultRow>(knex: Knex, statement: Statement, values: unknown[]): Promise<QueryResult<R>> {
  if (knex.isTransaction) throw new Error(`The statement ${statement.name} runs on the pool, not inside a transaction.`);
  const client = knex.client as PoolClient;
  const connection = await client.acquireConnection();
  try {
    return await connection.query<R>({ name: statement.name, text: statement.text, values });
  } finally {
    await client.releaseConnection(connection);
  }
}
