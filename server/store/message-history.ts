import type { Knex } from '@mikro-orm/postgresql';
import type { HistoryPage } from '../../common/api';
import { runStatement, type Statement } from '../db/statements';
import { requireMembership } from './groups';
import { MESSAGE_COLUMNS, messageView, type MessageRow } from './messages';

export interface HistoryRequest {
  groupId: string;
  reader: string;
  /** Older than this seq; without before or after, the newest page. */
  before?: number;
  /** Newer than this seq (catch-up), oldest first. */
  after?: number;
  limit: number;
  /** Only the messages carrying this thread tag (docs/threads.md). */
  thread?: string;
}

type Direction = 'before' | 'after' | 'newest';

/**
 * The page's statement for each direction, with or without a thread. Parameters: group,
 * reader, limit, then the thread tag if any, then the seq of before or after.
 */
function pageStatement(direction: Direction, inThread: boolean): Statement {
  const member = 'EXISTS (SELECT 1 FROM group_memberships m WHERE m.group_id = $1 AND m.username = $2)';
  // A thread's page walks the (group_id, thread_tag, seq) index the same way.
  const thread = inThread ? ' AND thread_tag = $4' : '';
  const seq = `$${inThread ? 5 : 4}`;
  const where = direction === 'after' ? ` AND seq > ${seq}` : direction === 'before' ? ` AND seq < ${seq}` : '';
  const order = direction === 'after' ? 'ASC' : 'DESC';
  return {
    name: `teamchat_history_${direction}${inThread ? '_thread' : ''}_v1`,
    text: `SELECT ${MESSAGE_COLUMNS} FROM group_messages WHERE group_id = $1${thread}${where} AND ${member} ORDER BY seq ${order} LIMIT $3`,
  };
}

const STATEMENTS = new Map<string, Statement>();
for (const direction of ['before', 'after', 'newest'] as const) {
  for (const inThread of [false, true]) STATEMENTS.set(`${direction}/${inThread}`, pageStatement(direction, inThread));
}

/**
 * A keyset page on the (group_id, seq) primary key, in seq order; one row more than asked
 * tells hasMore. The membership check rides in the page's query, so a page costs one round
 * trip; only an empty page asks whether the reader is a member at all (a 404 for strangers).
 */
export async function readHistoryPage(knex: Knex, page: HistoryRequest): Promise<HistoryPage> {
  const { groupId, reader, before, after, limit, thread } = page;
  const direction: Direction = after !== undefined ? 'after' : before !== undefined ? 'before' : 'newest';
  const statement = STATEMENTS.get(`${direction}/${thread !== undefined}`) as Statement;
  const seq = after ?? before;
  const values = [groupId, reader, limit + 1, ...(thread !== undefined ? [thread] : []), ...(seq !== undefined ? [seq] : [])];
  const rows = (await runStatement<MessageRow>(knex, statement, values)).rows;
  if (rows.length === 0) await requireMembership(knex, groupId, reader);
  const hasMore = rows.length > limit;
  const messages = rows.slice(0, limit);
  if (after === undefined) messages.reverse();
  return { messages: messages.map(messageView), hasMore };
}
