import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Knex } from '@mikro-orm/postgresql';
import {
  AddMemberBody, GroupMemberParams, GroupParams, LinksBody, MemberView, RemoveMemberAnswer, RemoveMemberBody, RotateAnswer,
  RotateBody, type Rotation,
} from '../../common/api';
import type { GroupLink } from '../../common/group-log';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import { errors, security } from '../http/route-schema';
import type { Delivery } from '../realtime/hub';
import { publish } from '../realtime/publish';
import { appendLinks, registeredKeys, type ExpectedLink } from '../store/group-log';
import { keepAnAdmin, memberNames, memberView, requireMembership, type Membership } from '../store/groups';

function requireAdmin(membership: Membership, doing: string): void {
  if (!membership.isAdmin) throw forbidden('not_admin', `Only an admin of this group can ${doing}.`);
}

/** A rotation must be generation g+1, sealed once for each member who holds the group afterwards. */
function checkRotation(rotation: Rotation, membership: Membership, holders: string[]): void {
  if (rotation.generation !== membership.generation + 1) {
    throw conflict('generation_conflict', `The group is at key generation ${membership.generation}; fetch it and rotate to ${membership.generation + 1}.`);
  }
  const sealedFor = rotation.keys.map((k) => k.username);
  if (new Set(sealedFor).size !== sealedFor.length) throw badRequest('invalid_request', 'The rotation seals the key twice for one member.');
  const expected = new Set(holders);
  if (sealedFor.length !== expected.size || sealedFor.some((u) => !expected.has(u))) {
    throw conflict('members_changed', 'The members changed since you fetched the group; fetch it and rotate again.');
  }
}

const about = (username: string) => (link: GroupLink) =>
  'username' in link.body && link.body.username === username ? undefined : `The link must be about ${username}.`;

function rotateLink(rotation: Rotation): ExpectedLink {
  const sealedTo = rotation.keys.map((k) => k.username).sort();
  return {
    type: 'rotate',
    check: (link) => link.type === 'rotate' && link.body.generation === rotation.generation && link.body.sealedTo.join(',') === sealedTo.join(',')
      ? undefined : 'The rotate link must name the generation and exactly the members the key is sealed to.',
  };
}

async function storeRotation(trx: Knex.Transaction, groupId: string, rotation: Rotation, sealedBy: string): Promise<void> {
  await trx('group_member_keys').insert(rotation.keys.map((k) => ({
    group_id: groupId, username: k.username, generation: rotation.generation,
    encrypted_group_key: Buffer.from(k.encryptedGroupKeyB64, 'base64'), sealed_by: sealedBy,
  })));
  await trx('groups').where({ id: groupId }).update({ generation: rotation.generation, needs_rotation: false });
}

async function readMember(trx: Knex, groupId: string, username: string) {
  const row = await trx('group_memberships').select('username', 'is_admin', 'joined_at').where({ group_id: groupId, username }).first();
  if (!row) throw notFound('member_not_found', `${username} is not a member of this group.`);
  return row as { username: string; is_admin: boolean; joined_at: Date | string };
}

/** Routes whose change otherwise has no body validate the empty object a bodyless request means. */
const emptyBody = async (request: { body: unknown }) => {
  request.body ??= {};
};

const members: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.requireUser);

  app.post('/api/groups/:id/members', {
    schema: { tags: ['members'], summary: 'Add a member with their sealed keys (admin)', security, params: GroupParams, body: AddMemberBody, response: { 201: MemberView, ...errors } },
  }, async (request, reply) => {
    const groupId = request.params.id;
    const { username, keys, links } = request.body;
    const added = await request.em.getKnex().transaction(async (trx) => {
      const membership = await requireMembership(trx, groupId, request.username, true);
      requireAdmin(membership, 'add members');
      const registered = await registeredKeys(trx, username);
      if (!registered) throw notFound('user_not_found', `There is no user "${username}"; check the spelling.`);
      const generations = keys.map((k) => k.generation);
      if (new Set(generations).size !== generations.length) throw badRequest('invalid_request', 'The keys name one generation twice.');
      if (!generations.includes(membership.generation) || generations.some((g) => g > membership.generation)) {
        throw conflict('generation_stale', `The group is at key generation ${membership.generation}; fetch it and seal that generation.`);
      }
      const shared = [...generations].sort((a, b) => a - b).join(',');
      await appendLinks(trx, groupId, request.username, links, [{
        type: 'add',
        check: (link) => link.type === 'add' && link.body.member.username === username
          && link.body.member.encryptionKey === registered.encryptionKey && link.body.member.signingKey === registered.signingKey
          && link.body.generations.join(',') === shared
          ? undefined : `The add link must carry ${username}'s registered keys and the generations sealed to them.`,
      }]);
      // Unread counts start at the join, even when older keys share the history.
      const inserted = await trx.raw(
        `INSERT INTO group_memberships (group_id, username, is_admin, read_seq) VALUES (?, ?, false, ?)
         ON CONFLICT (group_id, username) DO NOTHING RETURNING username, is_admin, joined_at`,
        [groupId, username, membership.lastSeq],
      );
      if (inserted.rows.length === 0) throw conflict('already_member', `${username} is already a member of this group.`);
      await trx('group_member_keys').insert(keys.map((k) => ({
        group_id: groupId, username, generation: k.generation,
        encrypted_group_key: Buffer.from(k.encryptedGroupKeyB64, 'base64'), sealed_by: request.username,
      })));
      return inserted.rows[0];
    });
    await publish(app, { event: { type: 'member', groupId, action: 'added', username } });
    return reply.status(201).send(memberView(added));
  });

  app.delete('/api/groups/:id/members/:username', {
    // A plain leave may send no body at all.
    preValidation: emptyBody,
    schema: {
      tags: ['members'], summary: 'Remove a member (admin) or leave; a removal may carry the next key generation', security,
      params: GroupMemberParams, body: RemoveMemberBody, response: { 200: RemoveMemberAnswer, ...errors },
    },
  }, async (request) => {
    const { id: groupId, username } = request.params;
    const me = request.username;
    const leaving = username === me;
    const { rotation, links } = request.body;
    const deliveries: Delivery[] = [];
    const answer = await request.em.getKnex().transaction(async (trx) => {
      const membership = await requireMembership(trx, groupId, me, true);
      if (!leaving) requireAdmin(membership, 'remove members');
      if (leaving && rotation) throw badRequest('invalid_request', 'A member who leaves cannot rotate the key; leave without a rotation.');
      await readMember(trx, groupId, username);
      const everyone = await memberNames(trx, groupId);
      const remaining = everyone.filter((u) => u !== username);
      if (remaining.length === 0) {
        await trx('groups').where({ id: groupId }).delete();
        deliveries.push({ event: { type: 'group', groupId, action: 'deleted' }, alsoTo: [username] });
        return { generation: membership.generation, needsRotation: false };
      }
      await keepAnAdmin(trx, groupId, username, leaving ? 'you leave' : 'removing this one');
      if (rotation) checkRotation(rotation, membership, remaining);
      const expected: ExpectedLink[] = leaving ? [{ type: 'leave' }] : [{ type: 'remove', check: about(username) }];
      if (rotation) expected.push(rotateLink(rotation));
      await appendLinks(trx, groupId, me, links, expected);
      await trx('group_memberships').where({ group_id: groupId, username }).delete();
      deliveries.push({ event: { type: 'member', groupId, action: leaving ? 'left' : 'removed', username }, alsoTo: [username] });
      if (rotation) {
        await storeRotation(trx, groupId, rotation, me);
        deliveries.push({ event: { type: 'key', groupId, generation: rotation.generation } });
        return { generation: rotation.generation, needsRotation: false };
      }
      await trx('groups').where({ id: groupId }).update({ needs_rotation: true });
      deliveries.push({ event: { type: 'group', groupId, action: 'needs-rotation' } });
      return { generation: membership.generation, needsRotation: true };
    });
    await publish(app, ...deliveries);
    return answer;
  });

  app.post('/api/groups/:id/rotate', {
    schema: { tags: ['members'], summary: 'Start the next key generation, sealed for exactly the members', security, params: GroupParams, body: RotateBody, response: { 200: RotateAnswer, ...errors } },
  }, async (request) => {
    const groupId = request.params.id;
    const { links, ...rotation } = request.body;
    await request.em.getKnex().transaction(async (trx) => {
      const membership = await requireMembership(trx, groupId, request.username, true);
      checkRotation(rotation, membership, await memberNames(trx, groupId));
      await appendLinks(trx, groupId, request.username, links, [rotateLink(rotation)]);
      await storeRotation(trx, groupId, rotation, request.username);
    });
    await publish(app, { event: { type: 'key', groupId, generation: rotation.generation } });
    return { generation: rotation.generation };
  });

  for (const promote of [true, false]) {
    const route = promote ? app.post.bind(app) : app.delete.bind(app);
    route('/api/groups/:id/admins/:username', {
      preValidation: emptyBody,
      schema: {
        tags: ['members'], summary: promote ? 'Make a member admin (admin)' : 'Take admin rights away (admin; one admin always stays)',
        security, params: GroupMemberParams, body: LinksBody, response: { 200: MemberView, ...errors },
      },
    }, async (request) => {
      const { id: groupId, username } = request.params;
      const row = await request.em.getKnex().transaction(async (trx) => {
        const membership = await requireMembership(trx, groupId, request.username, true);
        requireAdmin(membership, promote ? 'make admins' : 'take admin rights away');
        const target = await readMember(trx, groupId, username);
        if (!promote) await keepAnAdmin(trx, groupId, username, 'taking these rights away');
        if (target.is_admin !== promote) {
          await appendLinks(trx, groupId, request.username, request.body.links, [{ type: promote ? 'promote' : 'demote', check: about(username) }]);
        }
        await trx('group_memberships').where({ group_id: groupId, username }).update({ is_admin: promote });
        return { ...target, is_admin: promote };
      });
      await publish(app, { event: { type: 'member', groupId, action: promote ? 'promoted' : 'demoted', username } });
      return memberView(row);
    });
  }
};

export default members;
