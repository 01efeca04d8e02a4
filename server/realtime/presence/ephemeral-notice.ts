// What server processes tell each other about typing, presence and read positions, through
// the event bus (PostgreSQL NOTIFY: it goes through the database's memory, into no table).

import type { Summary } from './presence-table';

export type EphemeralNotice =
  | { typing: { groupId: string; username: string; typing: boolean } }
  /** Each user's summary on the sending process; 'none' when their last socket there closed. */
  | { presence: Array<[string, Summary]> }
  /** A process that just started asks the others to announce theirs. */
  | { hello: true }
  | { read: { groupId: string; username: string; seq: number; to: string[] } };

const SUMMARIES = new Set(['active', 'away', 'none']);
const isString = (v: unknown): v is string => typeof v === 'string' && v.length <= 100;

/** Another process's notice as it came off the channel; anything malformed is undefined. */
export function readNotice(value: unknown): EphemeralNotice | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const notice = value as Record<string, unknown>;
  if (notice.hello === true) return { hello: true };
  const typing = notice.typing as Record<string, unknown> | undefined;
  if (typing && isString(typing.groupId) && isString(typing.username) && typeof typing.typing === 'boolean') {
    return { typing: { groupId: typing.groupId, username: typing.username, typing: typing.typing } };
  }
  if (Array.isArray(notice.presence)) {
    const entries = notice.presence.filter((e): e is [string, Summary] => Array.isArray(e) && isString(e[0]) && SUMMARIES.has(e[1] as string));
    return { presence: entries };
  }
  const read = notice.read as Record<string, unknown> | undefined;
  if (read && isString(read.groupId) && isString(read.username) && Number.isSafeInteger(read.seq) && Array.isArray(read.to)) {
    return { read: { groupId: read.groupId, username: read.username, seq: read.seq as number, to: read.to.filter(isString) } };
  }
  return undefined;
}
