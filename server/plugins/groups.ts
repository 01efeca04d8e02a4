import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError, CreateGroupBody, GroupList, GroupParams, GroupView, ReadBody } from '../../common/api';
import { conflict, forbidden } from '../http/errors';
import { publish } from '../realtime/publish';
import { groupView, groupViews, memberNames, requireMembership } from '../store/groups';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 413: ApiError, 500: ApiError };
const security = [{ bearer: [] }];

const groups: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.requireUser);

  app.post('/api/groups/create', {
    schema: { tags: ['groups'], summary: 'Create a group (generation 1 sealed for the creator)', security, body: CreateGroupBody, response: { 201: GroupView, ...errors } },
  }, async (request, reply) => {
    const { id, name, encryptedGroupKeyB64 } = request.body;
    const me = request.username;
    const view = await request.em.getKnex().transaction(async (trx) => {
      const created = await trx.raw('INSERT INTO groups (id, name, created_by) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING id', [id, name.trim(), me]);
      if (created.rows.length === 0) throw conflict('group_exists', 'A group with this id exists already; make a new id.');
      await trx('group_memberships').insert({ group_id: id, username: me, is_admin: true });
      await trx('group_member_keys').insert({ group_id: id, username: me, generation: 1, encrypted_group_key: Buffer.from(encryptedGroupKeyB64, 'base64'), sealed_by: me });
      return groupView(trx, me, id);
    });
    await publish(app, { event: { type: 'group', groupId: id, action: 'created' } });
    return reply.status(201).send(view);
  });

  app.get('/api/groups', {
    schema: { tags: ['groups'], summary: "The caller's groups", security, response: { 200: GroupList, ...errors } },
  }, async (request) => ({ groups: await groupViews(request.em.getKnex(), request.username) }));

  app.get('/api/groups/:id', {
    schema: { tags: ['groups'], summary: 'One group (members only)', security, params: GroupParams, response: { 200: GroupView, ...errors } },
  }, async (request) => groupView(request.em.getKnex(), request.username, request.params.id));

  app.delete('/api/groups/:id', {
    schema: { tags: ['groups'], summary: 'Delete a group and everything in it (admin)', security, params: GroupParams, response: { 204: { type: 'null' }, ...errors } },
  }, async (request, reply) => {
    const groupId = request.params.id;
    const formerMembers = await request.em.getKnex().transaction(async (trx) => {
      const membership = await requireMembership(trx, groupId, request.username, true);
      if (!membership.isAdmin) throw forbidden('not_admin', 'Only an admin of this group can delete it.');
      const members = await memberNames(trx, groupId);
      await trx('groups').where({ id: groupId }).delete();
      return members;
    });
    await publish(app, { event: { type: 'group', groupId, action: 'deleted' }, alsoTo: formerMembers });
    return reply.status(204).send(null);
  });

  app.put('/api/groups/:id/read', {
    schema: { tags: ['groups'], summary: 'Move the read cursor forward', security, params: GroupParams, body: ReadBody, response: { 204: { type: 'null' }, ...errors } },
  }, async (request, reply) => {
    const knex = request.em.getKnex();
    const updated = await knex.raw(
      `UPDATE group_memberships m SET read_seq = GREATEST(m.read_seq, LEAST(?::bigint, g.last_seq))
         FROM groups g WHERE g.id = m.group_id AND m.group_id = ? AND m.username = ? RETURNING m.read_seq`,
      [request.body.seq, request.params.id, request.username],
    );
    if (updated.rows.length === 0) await requireMembership(knex, request.params.id, request.username);
    return reply.status(204).send(null);
  });
};

export default groups;
