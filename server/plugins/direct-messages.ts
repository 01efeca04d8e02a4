// Direct messages: a two-person group whose signed log begins with a dm link. One live DM per
// pair (a unique key in the database): asking for one that exists answers it (200) instead of
// making a second. The server checks what it can (the caller is one of the two, the link is
// theirs and names both with their registered keys); the clients verify the log themselves.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CreateDirectMessageBody, GroupView } from '../../common/api';
import { badRequest, conflict, notFound } from '../http/errors';
import { expectLink } from '../http/expected-links';
import { errors, security } from '../http/route-schema';
import { publish } from '../realtime/publish';
import { accountStatus } from '../store/account-status';
import { createDirectMessageRow, findDirectMessage } from '../store/direct-messages';
import { appendLinks, registeredKeys } from '../store/group-log';
import { groupView } from '../store/groups';

const directMessages: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.requireUser);

  app.post('/api/groups/dm', {
    schema: {
      tags: ['groups'], summary: 'Open the direct message with a user: the live one of the pair (200), or a new one (201)', security,
      body: CreateDirectMessageBody, response: { 200: GroupView, 201: GroupView, ...errors },
    },
  }, async (request, reply) => {
    const me = request.username;
    const { id, username: other, keys, links } = request.body;
    if (other === me) throw badRequest('invalid_request', 'A direct message is between two people; pick someone else.');
    const existing = await findDirectMessage(request.em.getKnex(), me, other);
    if (existing) return reply.status(200).send(await groupView(request.em.getKnex(), me, existing));
    const sealedFor = keys.map((k) => k.username).sort();
    if (sealedFor.join(' ') !== [me, other].sort().join(' ')) {
      throw badRequest('invalid_request', 'The key must be sealed once for you and once for the other person.');
    }
    const outcome = await request.em.getKnex().transaction(async (trx) => {
      const theirs = await registeredKeys(trx, other);
      if (!theirs) throw notFound('user_not_found', `There is no user "${other}"; check the spelling.`);
      const status = await accountStatus(trx, other);
      if (status !== 'active') throw conflict('account_inactive', `${other}'s account is ${status}; a server admin can reactivate a deactivated one.`);
      const mine = await registeredKeys(trx, me);
      const sealed = new Map(keys.map((k) => [k.username, { generation: 1, encryptedGroupKeyB64: k.encryptedGroupKeyB64 }]));
      const created = await createDirectMessageRow(trx, { id, creator: me, other, sealed });
      if (created === 'id-taken') throw conflict('group_exists', 'A group with this id exists already; make a new id.');
      if (created === 'taken') return { status: 200, view: await groupView(trx, me, (await findDirectMessage(trx, me, other)) as string) };
      await appendLinks(trx, id, me, links, [expectLink.dm([{ username: me, ...(mine ?? { encryptionKey: '', signingKey: '' }) }, { username: other, ...theirs }])]);
      return { status: 201, view: await groupView(trx, me, id) };
    });
    if (outcome.status === 201) await publish(app, { event: { type: 'group', groupId: id, action: 'created' } });
    return reply.status(outcome.status).send(outcome.view);
  });
};

export default directMessages;
