import type { Knex } from '@mikro-orm/postgresql';
import type { HistoryPage } from '../../common/api';
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

/**
 * A keyset page on the (group_id, seq) primary key, in seq order; one row more than asked
 * tells hasMore. The membership check rides in the page's query, so a page costs one round
 * trip; only an empty page asks whether the reader is a member at all (a 404 for strangers).
 */
export async function readHistoryPage(knex: Knex, page: HistoryRequest): Promise<HistoryPage> {
  const { groupId, reader, before, after, limit, thread } = page;
  const member = 'EXISTS (SELECT 1 FROM group_memberships m WHERE m.group_id = ? AND m.username = ?)';
  // A thread's page walks the (group_id, thread_tag, seq) index the same way.
  const inThread = thread !== undefined ? ' AND thread_tag = ?' : '';
  const tag = thread !== undefined ? [thread] : [];
  let rows: MessageRow[];
  if (after !== undefined) {
    rows = (await knex.raw(`SELECT ${MESSAGE_COLUMNS} FROM group_messages WHERE group_id = ?${inThread} AND seq > ? AND ${member} ORDER BY seq ASC LIMIT ?`,
      [groupId, ...tag, after, groupId, reader, limit + 1])).rows;
  } else {
    rows = (await knex.raw(
      `SELECT ${MESSAGE_COLUMNS} FROM group_messages WHERE group_id = ?${inThread}${before !== undefined ? ' AND seq < ?' : ''} AND ${member} ORDER BY seq DESC LIMIT ?`,
      [groupId, ...tag, ...(before !== undefined ? [before] : []), groupId, reader, limit + 1])).rows;
  }
  if (rows.length === 0) await requireMembership(knex, groupId, reader);
  const hasMore = rows.length > limit;
  const messages = rows.slice(0, limit);
  if (after === undefined) messages.reverse();
  return { messages: messages.map(messageView), hasMore };
}
