import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateGroupBody, GroupList, GroupParams, GroupView, LinksBody, LogPage, LogQuery, ReadBody, StartLogBody,
} from '../../common/api';
import { conflict, forbidden } from '../http/errors';
import { errors, security } from '../http/route-schema';
import { publish } from '../realtime/publish';
import { appendLinks, readHead, readLinks, registeredKeys } from '../store/group-log';
import { groupView, groupViews, memberNames, requireMembership } from '../store/groups';

/** Links served per page; a client pages on with `after`. */
const LOG_PAGE = 1000;

const groups: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.requireUser);

  app.post('/api/groups/create', {
    schema: { tags: ['groups'], summary: 'Create a group (generation 1 sealed for the creator)', security, body: CreateGroupBody, response: { 201: GroupView, ...errors } },
  }, async (request, reply) => {
    const { id, name, encryptedGroupKeyB64, links } = request.body;
    const me = request.username;
    const view = await request.em.getKnex().transaction(async (trx) => {
      const created = await trx.raw('INSERT INTO groups (id, name, created_by) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING id', [id, name.trim(), me]);
      if (created.rows.length === 0) throw conflict('group_exists', 'A group with this id exists already; make a new id.');
      const mine = await registeredKeys(trx, me);
      await appendLinks(trx, id, me, links, [{
        type: 'create',
        check: (link) => link.type === 'create' && link.body.name === name.trim() && link.body.member.encryptionKey === mine?.encryptionKey
          && link.body.member.signingKey === mine.signingKey ? undefined : 'The create link must carry the group name and your registered keys.',
      }]);
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

  app.get('/api/groups/:id/log', {
    schema: {
      tags: ['groups'], summary: "The group's signed log, in order (members only)", security, params: GroupParams, querystring: LogQuery,
      response: { 200: LogPage, ...errors },
    },
  }, async (request) => {
    const knex = request.em.getKnex();
    await requireMembership(knex, request.params.id, request.username);
    const links = await readLinks(knex, request.params.id, request.query.after ?? 0, LOG_PAGE + 1);
    return { links: links.slice(0, LOG_PAGE), hasMore: links.length > LOG_PAGE };
  });

  app.post('/api/groups/:id/log', {
    schema: {
      tags: ['groups'], summary: 'Start the signed log of a group made before it (admin): one start link', security, params: GroupParams,
      body: StartLogBody, response: { 201: GroupView, ...errors },
    },
  }, async (request, reply) => {
    const groupId = request.params.id;
    const me = request.username;
    const view = await request.em.getKnex().transaction(async (trx) => {
      const membership = await requireMembership(trx, groupId, me, true);
      if (!membership.isAdmin) throw forbidden('not_admin', "Only an admin of this group can start its log.");
      if (await readHead(trx, groupId)) throw conflict('log_exists', 'This group has a signed log already.');
      const rows: { username: string; is_admin: boolean; encryption_public_key: Buffer; signing_public_key: Buffer }[] = await trx('group_memberships as m')
        .join('users as u', 'u.username', 'm.username').select('m.username', 'm.is_admin', 'u.encryption_public_key', 'u.signing_public_key')
        .where({ 'm.group_id': groupId }).orderBy('m.username');
      const stated = rows.map((r) => [r.username, r.is_admin, r.encryption_public_key.toString('base64'), r.signing_public_key.toString('base64')].join(' ')).join('\n');
      await appendLinks(trx, groupId, me, request.body.links, [{
        type: 'start',
        check: (link) => link.type === 'start' && link.body.generation === membership.generation
          && link.body.members.map((m) => [m.username, m.admin, m.encryptionKey, m.signingKey].join(' ')).join('\n') === stated
          ? undefined : 'The start link must name the current generation and exactly the members, admins and registered keys.',
      }]);
      return groupView(trx, me, groupId);
    });
    await publish(app, { event: { type: 'group', groupId, action: 'log-started' } });
    return reply.status(201).send(view);
  });

  app.delete('/api/groups/:id', {
    preValidation: async (request) => {
      request.body ??= {};
    },
    schema: {
      tags: ['groups'], summary: 'Delete a group and everything in it (admin)', security, params: GroupParams, body: LinksBody,
      response: { 204: { type: 'null' }, ...errors },
    },
  }, async (request, reply) => {
    const groupId = request.params.id;
    const formerMembers = await request.em.getKnex().transaction(async (trx) => {
      const membership = await requireMembership(trx, groupId, request.username, true);
      if (!membership.isAdmin) throw forbidden('not_admin', 'Only an admin of this group can delete it.');
      // Checked, then gone with the group: what is deleted keeps nothing, its log included.
      await appendLinks(trx, groupId, request.username, request.body.links, [{ type: 'delete' }]);
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
