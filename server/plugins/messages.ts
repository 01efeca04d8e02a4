import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Knex } from '@mikro-orm/postgresql';
import {
  ApiError, GroupParams, HISTORY_PAGE_DEFAULT, HistoryPage, HistoryQuery, MAX_BLOB_BYTES, MessageView, PostMessageBody,
  type MessageView as MessageViewType, type PostMessageBody as PostMessageBodyType,
} from '../../common/api';
import { ApiHttpError, badRequest, conflict, forbidden, notFound, payloadTooLarge } from '../http/errors';
import { publish } from '../realtime/publish';
import { requireMembership, type Membership } from '../store/groups';
import { MESSAGE_COLUMNS, messageView, readMessageByMsgId, type MessageRow } from '../store/messages';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 413: ApiError, 500: ApiError };
const security = [{ bearer: [] }];
/** Room for a largest blob in base64 plus the JSON around it; bigger bodies are refused unread. */
export const MESSAGE_BODY_LIMIT = 128 * 1024;

function decodedLength(b64: string): number {
  return Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
}

/** A retry of a send that was stored answers with the stored message; anything else is a clash. */
function sameSend(row: MessageRow, sender: string, blob: Buffer): boolean {
  return row.sender === sender && row.encrypted_blob.equals(blob);
}

class AlreadyStored extends Error {
  constructor(readonly row: MessageRow) {
    super('message already stored');
  }
}

/** Why a send was refused once the fast path found no group row to bump. */
function refusal(membership: Membership, generation: number): ApiHttpError {
  if (membership.needsRotation) return conflict('needs_rotation', 'A member left; rotate the group key before sending.');
  return conflict('generation_stale', `The group is at key generation ${membership.generation}; fetch the group and encrypt again.`);
}

async function checkTarget(knex: Knex, groupId: string, me: string, body: PostMessageBodyType): Promise<void> {
  const targetId = body.editOf ?? body.deleteOf;
  if (!targetId) return;
  if (body.editOf && body.deleteOf) throw badRequest('invalid_request', 'A message can edit or delete another one, not both.');
  const target = await readMessageByMsgId(knex, groupId, targetId);
  if (!target) throw notFound('message_not_found', 'The message to change is not in this group.');
  if (target.sender !== me) throw forbidden('not_sender', 'Only the sender of a message can edit or delete it.');
}

/**
 * A plain send as one autocommit statement: membership, generation and a new msgId are
 * checked, the group's next seq taken and the row stored together. The group row's lock is
 * then held only while the statement runs and commits, not across client round trips, and
 * it is what every concurrent sender to the group waits on. Returns undefined when nothing
 * was stored (including a duplicate msgId racing in: its unique violation undoes the bump,
 * so seqs stay gap-free), for the slow path to explain. It also returns the members as the
 * send saw them, so the fan-out needs no query of its own.
 */
async function sendInOneStatement(
  knex: Knex, groupId: string, me: string, generation: number, msgId: string, blob: Buffer,
): Promise<{ message: MessageViewType; members: string[] } | undefined> {
  try {
    const result = await knex.raw(
      `WITH bumped AS (
         UPDATE groups g SET last_seq = g.last_seq + 1
           FROM group_memberships m
          WHERE g.id = ? AND m.group_id = g.id AND m.username = ? AND g.generation = ? AND NOT g.needs_rotation
            AND NOT EXISTS (SELECT 1 FROM group_messages x WHERE x.group_id = g.id AND x.msg_id = ?)
         RETURNING g.id, g.last_seq)
       , stored AS (
         INSERT INTO group_messages (group_id, seq, msg_id, sender, generation, encrypted_blob)
         SELECT bumped.id, bumped.last_seq, ?, ?, ?::int, ?::bytea FROM bumped
         RETURNING ${MESSAGE_COLUMNS})
       SELECT stored.*, ARRAY(SELECT m.username FROM group_memberships m WHERE m.group_id = ?) AS members FROM stored`,
      [groupId, me, generation, msgId, msgId, me, generation, blob, groupId],
    );
    const row = result.rows[0] as (MessageRow & { members: string[] }) | undefined;
    return row ? { message: messageView(row), members: row.members } : undefined;
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) return undefined;
    throw error;
  }
}

const UNIQUE_VIOLATION = '23505';

const messages: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.requireUser);

  app.post('/api/groups/:id/messages', {
    bodyLimit: MESSAGE_BODY_LIMIT,
    schema: {
      tags: ['messages'], summary: 'Send an encrypted message (current key generation only; idempotent on msgId)', security,
      params: GroupParams, body: PostMessageBody, response: { 200: MessageView, 201: MessageView, ...errors },
    },
  }, async (request, reply) => {
    const groupId = request.params.id;
    const me = request.username;
    const body = request.body;
    if (decodedLength(body.encryptedBlobB64) > MAX_BLOB_BYTES) {
      throw payloadTooLarge(`A message may hold at most ${MAX_BLOB_BYTES / 1024} KiB; send a shorter one.`);
    }
    const blob = Buffer.from(body.encryptedBlobB64, 'base64');
    const knex = request.em.getKnex();
    if (body.editOf || body.deleteOf) {
      await requireMembership(knex, groupId, me);
      await checkTarget(knex, groupId, me, body);
    }

    if (!body.editOf && !body.deleteOf) {
      const sent = await sendInOneStatement(knex, groupId, me, body.generation, body.msgId, blob);
      if (sent) {
        await publish(app, { event: { type: 'message', groupId, message: sent.message }, members: sent.members });
        return reply.status(201).send(sent.message);
      }
    }

    // The slow path finds out why the fast one stored nothing (a retry, not a member, a stale
    // generation) and answers that; edits and deletes also mark their target in the same transaction.
    let stored: MessageViewType;
    try {
      stored = await knex.transaction(async (trx) => {
        // One statement checks membership and generation and takes the next seq; the row
        // lock it holds until commit keeps a group's sequence numbers gap-free and ordered.
        const bumped = await trx.raw(
          `UPDATE groups g SET last_seq = g.last_seq + 1
             FROM group_memberships m
            WHERE g.id = ? AND m.group_id = g.id AND m.username = ? AND g.generation = ? AND NOT g.needs_rotation
          RETURNING g.last_seq`,
          [groupId, me, body.generation],
        );
        if (bumped.rows.length === 0) {
          const membership = await requireMembership(trx, groupId, me);
          const existing = await readMessageByMsgId(trx, groupId, body.msgId);
          if (existing) throw new AlreadyStored(existing);
          throw refusal(membership, body.generation);
        }
        const inserted = await trx.raw(
          `INSERT INTO group_messages (group_id, seq, msg_id, sender, generation, encrypted_blob, edit_of, delete_of)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (group_id, msg_id) DO NOTHING RETURNING ${MESSAGE_COLUMNS}`,
          [groupId, bumped.rows[0].last_seq, body.msgId, me, body.generation, blob, body.editOf ?? null, body.deleteOf ?? null],
        );
        if (inserted.rows.length === 0) {
          const existing = await readMessageByMsgId(trx, groupId, body.msgId);
          if (existing) throw new AlreadyStored(existing);
        }
        const targetId = body.editOf ?? body.deleteOf;
        if (targetId) {
          await trx.raw(
            `UPDATE group_messages SET ${body.editOf ? 'edited_at' : 'deleted_at'} = now() WHERE group_id = ? AND msg_id = ? AND sender = ?`,
            [groupId, targetId, me],
          );
        }
        return messageView(inserted.rows[0]);
      });
    } catch (error) {
      if (!(error instanceof AlreadyStored)) throw error;
      if (!sameSend(error.row, me, blob)) {
        throw conflict('msgid_conflict', 'Another message has this msgId; make a new msgId and send again.');
      }
      return reply.status(200).send(messageView(error.row));
    }
    await publish(app, { event: { type: 'message', groupId, message: stored } });
    return reply.status(201).send(stored);
  });

  app.get('/api/groups/:id/messages', {
    schema: {
      tags: ['messages'], summary: 'A page of history: ?before=seq (older), ?after=seq (catch-up), or the newest', security,
      params: GroupParams, querystring: HistoryQuery, response: { 200: HistoryPage, ...errors },
    },
  }, async (request) => {
    const groupId = request.params.id;
    const { before, after } = request.query;
    const limit = request.query.limit ?? HISTORY_PAGE_DEFAULT;
    if (before !== undefined && after !== undefined) throw badRequest('invalid_request', 'Ask for messages before or after a seq, not both.');
    const knex = request.em.getKnex();
    const me = request.username;
    // The membership check rides in the page's query, so a page costs one round trip; only an
    // empty page asks whether the caller is a member at all (a 404 for strangers, as before).
    const member = 'EXISTS (SELECT 1 FROM group_memberships m WHERE m.group_id = ? AND m.username = ?)';
    // Keyset pages on the (group_id, seq) primary key; one row more than asked tells hasMore.
    let rows: MessageRow[];
    if (after !== undefined) {
      rows = (await knex.raw(`SELECT ${MESSAGE_COLUMNS} FROM group_messages WHERE group_id = ? AND seq > ? AND ${member} ORDER BY seq ASC LIMIT ?`,
        [groupId, after, groupId, me, limit + 1])).rows;
    } else {
      rows = (await knex.raw(
        `SELECT ${MESSAGE_COLUMNS} FROM group_messages WHERE group_id = ?${before !== undefined ? ' AND seq < ?' : ''} AND ${member} ORDER BY seq DESC LIMIT ?`,
        before !== undefined ? [groupId, before, groupId, me, limit + 1] : [groupId, groupId, me, limit + 1])).rows;
    }
    if (rows.length === 0) await requireMembership(knex, groupId, me);
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);
    if (after === undefined) page.reverse();
    return { messages: page.map(messageView), hasMore };
  });
};

export default messages;
