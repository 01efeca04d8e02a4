import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Knex } from '@mikro-orm/postgresql';
import {
  GroupParams, HISTORY_PAGE_DEFAULT, HistoryPage, HistoryQuery, MAX_BLOB_BYTES, MessageView, PostMessageBody,
  type PostMessageBody as PostMessageBodyType,
} from '../../common/api';
import { badRequest, conflict, forbidden, notFound, payloadTooLarge } from '../http/errors';
import { errors, security } from '../http/route-schema';
import { publish } from '../realtime/publish';
import { checkAttachable } from '../store/file-attach-check';
import { requireMembership } from '../store/groups';
import { readHistoryPage } from '../store/message-history';
import { storeMessage } from '../store/message-send';
import { messageView, readMessageByMsgId, type MessageRow } from '../store/messages';

/** Room for a largest blob in base64 plus the JSON around it; bigger bodies are refused unread. */
export const MESSAGE_BODY_LIMIT = 128 * 1024;

function decodedLength(b64: string): number {
  return Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
}

/** A retry of a send that was stored answers with the stored message; anything else is a clash. */
function sameSend(row: MessageRow, sender: string, blob: Buffer): boolean {
  return row.sender === sender && row.encrypted_blob.equals(blob);
}

async function checkTarget(knex: Knex, groupId: string, me: string, body: PostMessageBodyType): Promise<void> {
  const targetId = body.editOf ?? body.deleteOf;
  if (!targetId) return;
  if (body.editOf && body.deleteOf) throw badRequest('invalid_request', 'A message can edit or delete another one, not both.');
  const target = await readMessageByMsgId(knex, groupId, targetId);
  if (!target) throw notFound('message_not_found', 'The message to change is not in this group.');
  if (target.sender !== me) throw forbidden('not_sender', 'Only the sender of a message can edit or delete it.');
}

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
    if (body.fileIds) await checkAttachable(knex, groupId, me, body);
    if (body.editOf || body.deleteOf) {
      await requireMembership(knex, groupId, me);
      await checkTarget(knex, groupId, me, body);
    }
    const outcome = await storeMessage(knex, {
      groupId, sender: me, generation: body.generation, msgId: body.msgId, blob,
      ...(body.editOf ? { editOf: body.editOf } : {}),
      ...(body.deleteOf ? { deleteOf: body.deleteOf } : {}),
      ...(body.fileIds ? { fileIds: body.fileIds } : {}),
    });
    switch (outcome.kind) {
      case 'stored':
        app.countStoredMessage();
        await publish(app, { event: { type: 'message', groupId, message: outcome.message }, ...(outcome.members ? { members: outcome.members } : {}) });
        return reply.status(201).send(outcome.message);
      case 'duplicate':
        if (!sameSend(outcome.row, me, blob)) {
          throw conflict('msgid_conflict', 'Another message has this msgId; make a new msgId and send again.');
        }
        return reply.status(200).send(messageView(outcome.row));
      case 'refused':
        if (outcome.membership.needsRotation) throw conflict('needs_rotation', 'A member left; rotate the group key before sending.');
        throw conflict('generation_stale', `The group is at key generation ${outcome.membership.generation}; fetch the group and encrypt again.`);
      case 'file-refused':
        throw conflict('file_attached', 'The file is not a finished upload of yours that no other message carries; upload it again.');
    }
  });

  app.get('/api/groups/:id/messages', {
    schema: {
      tags: ['messages'], summary: 'A page of history: ?before=seq (older), ?after=seq (catch-up), or the newest', security,
      params: GroupParams, querystring: HistoryQuery, response: { 200: HistoryPage, ...errors },
    },
  }, async (request) => {
    const { before, after } = request.query;
    if (before !== undefined && after !== undefined) throw badRequest('invalid_request', 'Ask for messages before or after a seq, not both.');
    return readHistoryPage(request.em.getKnex(), {
      groupId: request.params.id, reader: request.username, before, after, limit: request.query.limit ?? HISTORY_PAGE_DEFAULT,
    });
  });
};

export default messages;
