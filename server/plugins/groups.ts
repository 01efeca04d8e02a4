import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Knex } from '@mikro-orm/postgresql';
import {
  CreateGroupBody, GroupList, GroupParams, GroupView, LinksBody, LogPage, LogQuery, ReadBody, RenameGroupBody, SetTopicBody, StartLogBody,
} from '../../common/api';
import { badRequest, conflict, forbidden, notInDirectMessage } from '../http/errors';
import { emptyBody } from '../http/empty-body';
import { expectLink } from '../http/expected-links';
import { errors, security } from '../http/route-schema';
import { publish } from '../realtime/publish';
import { appendLinks, readHead, readLinks, registeredKeys } from '../store/group-log';
import { advanceReadPosition, readReceiptRecipients } from '../store/read-receipts';
import { groupView, groupViews, memberNames, requireMembership } from '../store/groups';
import {
  createGroupRow, deleteGroup, groupName, groupNameAndTopic, isMemberOfOtherGroupNamed, membersWithKeys, updateGroupText,
} from '../store/memberships';

/** Links served per page; a client pages on with `after`. */
const LOG_PAGE = 1000;

/**
 * A rename or topic change: an admin's, and not while a removal waits for its rotation (the
 * log allows nothing else then, so such a link would wedge the group). Returns what is stored.
 */
async function lockForTextChange(trx: Knex, groupId: string, me: string, doing: string): Promise<{ name: string; topic: string }> {
  const membership = await requireMembership(trx, groupId, me, true);
  if (membership.kind === 'dm') throw notInDirectMessage(doing);
  if (!membership.isAdmin) throw forbidden('not_admin', `Only an admin of this group can ${doing}.`);
  if (membership.needsRotation) throw conflict('needs_rotation', `A member left; rotate the group key before you ${doing}.`);
  return groupNameAndTopic(trx, groupId);
}

const groups: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.requireUser);

  app.post('/api/groups/create', {
    schema: { tags: ['groups'], summary: 'Create a group (generation 1 sealed for the creator)', security, body: CreateGroupBody, response: { 201: GroupView, ...errors } },
  }, async (request, reply) => {
    const { id, name, encryptedGroupKeyB64, links, allowSameName } = request.body;
    const me = request.username;
    const view = await request.em.getKnex().transaction(async (trx) => {
      if (!(await createGroupRow(trx, { id, name: name.trim(), creator: me, sealedKeyB64: encryptedGroupKeyB64 }))) {
        throw conflict('group_exists', 'A group with this id exists already; make a new id.');
      }
      if (!allowSameName && (await isMemberOfOtherGroupNamed(trx, me, name.trim(), id))) {
        throw conflict('group_name_taken', `You are already in a group named "${name.trim()}"; confirm to make a second one.`);
      }
      await appendLinks(trx, id, me, links, [expectLink.create(name.trim(), await registeredKeys(trx, me))]);
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
      if (membership.kind === 'dm') throw notInDirectMessage('start its log again');
      if (!membership.isAdmin) throw forbidden('not_admin', "Only an admin of this group can start its log.");
      if (await readHead(trx, groupId)) throw conflict('log_exists', 'This group has a signed log already.');
      await appendLinks(trx, groupId, me, request.body.links, [expectLink.start(await groupName(trx, groupId), membership.generation, await membersWithKeys(trx, groupId))]);
      return groupView(trx, me, groupId);
    });
    await publish(app, { event: { type: 'group', groupId, action: 'log-started' } });
    return reply.status(201).send(view);
  });

  app.put('/api/groups/:id/name', {
    schema: {
      tags: ['groups'], summary: 'Rename a group (admin): one rename link', security, params: GroupParams, body: RenameGroupBody,
      response: { 200: GroupView, ...errors },
    },
  }, async (request) => {
    const groupId = request.params.id;
    const me = request.username;
    const name = request.body.name.trim();
    const view = await request.em.getKnex().transaction(async (trx) => {
      const stored = await lockForTextChange(trx, groupId, me, 'rename it');
      if (stored.name === name) throw badRequest('invalid_request', `The group is named "${name}" already.`);
      // The rule of create, for the one renaming: a second group of a name they are in is made only when asked.
      if (!request.body.allowSameName && (await isMemberOfOtherGroupNamed(trx, me, name, groupId))) {
        throw conflict('group_name_taken', `You are already in a group named "${name}"; confirm to give this one the same name.`);
      }
      await appendLinks(trx, groupId, me, request.body.links, [expectLink.rename(name)]);
      await updateGroupText(trx, groupId, { name });
      return groupView(trx, me, groupId);
    });
    await publish(app, { event: { type: 'group', groupId, action: 'renamed' } });
    return view;
  });

  app.put('/api/groups/:id/topic', {
    schema: {
      tags: ['groups'], summary: 'Set or clear ("") the topic of a group (admin): one topic link', security, params: GroupParams, body: SetTopicBody,
      response: { 200: GroupView, ...errors },
    },
  }, async (request) => {
    const groupId = request.params.id;
    const me = request.username;
    const topic = request.body.topic.trim();
    const view = await request.em.getKnex().transaction(async (trx) => {
      const stored = await lockForTextChange(trx, groupId, me, 'set its topic');
      if (stored.topic === topic) throw badRequest('invalid_request', topic ? 'The topic is that already.' : 'The group has no topic to clear.');
      await appendLinks(trx, groupId, me, request.body.links, [expectLink.topic(topic)]);
      await updateGroupText(trx, groupId, { topic });
      return groupView(trx, me, groupId);
    });
    await publish(app, { event: { type: 'group', groupId, action: 'topic-changed' } });
    return view;
  });

  app.delete('/api/groups/:id', {
    preValidation: emptyBody,
    schema: {
      tags: ['groups'], summary: 'Delete a group and everything in it (admin)', security, params: GroupParams, body: LinksBody,
      response: { 204: { type: 'null' }, ...errors },
    },
  }, async (request, reply) => {
    const groupId = request.params.id;
    const formerMembers = await request.em.getKnex().transaction(async (trx) => {
      const membership = await requireMembership(trx, groupId, request.username, true);
      if (membership.kind === 'dm') throw notInDirectMessage('delete it for the other');
      if (!membership.isAdmin) throw forbidden('not_admin', 'Only an admin of this group can delete it.');
      // Checked, then gone with the group: what is deleted keeps nothing, its log included.
      await appendLinks(trx, groupId, request.username, request.body.links, [expectLink.plain('delete')]);
      const members = await memberNames(trx, groupId);
      await deleteGroup(trx, groupId);
      return members;
    });
    await publish(app, { event: { type: 'group', groupId, action: 'deleted' }, alsoTo: formerMembers });
    return reply.status(204).send(null);
  });

  app.put('/api/groups/:id/read', {
    schema: { tags: ['groups'], summary: 'Move the read cursor forward', security, params: GroupParams, body: ReadBody, response: { 204: { type: 'null' }, ...errors } },
  }, async (request, reply) => {
    const knex = request.em.getKnex();
    const groupId = request.params.id;
    const read = await advanceReadPosition(knex, groupId, request.username, request.body.seq, request.body.share !== false);
    if (!read) await requireMembership(knex, groupId, request.username);
    else if (read.moved) {
      const to = await readReceiptRecipients(knex, groupId, request.username);
      if (to.length > 0) app.sendReadReceipt({ groupId, username: request.username, seq: read.readSeq, to });
    }
    return reply.status(204).send(null);
  });
};

export default groups;
