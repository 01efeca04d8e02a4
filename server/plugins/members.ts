import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AddMemberBody, GroupMemberParams, GroupParams, LinksBody, MemberView, RemoveMemberAnswer, RemoveMemberBody, RotateAnswer,
  RotateBody, type Rotation,
} from '../../common/api';
import { badRequest, conflict, forbidden, notFound, notInDirectMessage } from '../http/errors';
import { emptyBody } from '../http/empty-body';
import { expectLink } from '../http/expected-links';
import { errors, security } from '../http/route-schema';
import type { Delivery } from '../realtime/hub';
import { publish } from '../realtime/publish';
import { appendLinks, registeredKeys, type ExpectedLink } from '../store/group-log';
import { accountStatus } from '../store/account-status';
import { endDirectMessage } from '../store/direct-messages';
import { keepAnAdmin, memberNames, memberView, requireMembership, type Membership } from '../store/groups';
import {
  deleteGroup, deleteMember, insertMember, insertSealedCopies, markNeedsRotation, readMember, setAdmin, storeRotation,
} from '../store/memberships';

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

const members: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.requireUser);

  app.post('/api/groups/:id/members', {
    schema: { tags: ['members'], summary: 'Add a member with their sealed keys (admin)', security, params: GroupParams, body: AddMemberBody, response: { 201: MemberView, ...errors } },
  }, async (request, reply) => {
    const groupId = request.params.id;
    const { username, keys, links } = request.body;
    const added = await request.em.getKnex().transaction(async (trx) => {
      const membership = await requireMembership(trx, groupId, request.username, true);
      if (membership.kind === 'dm') throw notInDirectMessage('add anyone to it');
      requireAdmin(membership, 'add members');
      const registered = await registeredKeys(trx, username);
      if (!registered) throw notFound('user_not_found', `There is no user "${username}"; check the spelling.`);
      // A key sealed to an account nobody can sign in to would be read by nobody, or by whoever gets it back.
      const status = await accountStatus(trx, username);
      if (status !== 'active') throw conflict('account_inactive', `${username}'s account is ${status}; a server admin can reactivate a deactivated one.`);
      const generations = keys.map((k) => k.generation);
      if (new Set(generations).size !== generations.length) throw badRequest('invalid_request', 'The keys name one generation twice.');
      if (!generations.includes(membership.generation) || generations.some((g) => g > membership.generation)) {
        throw conflict('generation_stale', `The group is at key generation ${membership.generation}; fetch it and seal that generation.`);
      }
      await appendLinks(trx, groupId, request.username, links, [expectLink.add(username, registered, generations)]);
      // Unread counts start at the join, even when older keys share the history.
      const inserted = await insertMember(trx, groupId, username, membership.lastSeq);
      if (!inserted) throw conflict('already_member', `${username} is already a member of this group.`);
      await insertSealedCopies(trx, groupId, username, keys, request.username);
      return inserted;
    });
    await publish(app, { event: { type: 'member', groupId, action: 'added', username } });
    return reply.status(201).send(memberView(added));
  });

  app.delete('/api/groups/:id/members/:username', {
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
      if (!leaving && membership.kind === 'dm') throw notInDirectMessage('remove the other person');
      if (!leaving) requireAdmin(membership, 'remove members');
      if (leaving && rotation) throw badRequest('invalid_request', 'A member who leaves cannot rotate the key; leave without a rotation.');
      await readMember(trx, groupId, username);
      const remaining = (await memberNames(trx, groupId)).filter((u) => u !== username);
      if (remaining.length === 0) {
        await deleteGroup(trx, groupId);
        deliveries.push({ event: { type: 'group', groupId, action: 'deleted' }, alsoTo: [username] });
        return { generation: membership.generation, needsRotation: false };
      }
      await keepAnAdmin(trx, groupId, username, leaving ? 'you leave' : 'removing this one');
      if (rotation) checkRotation(rotation, membership, remaining);
      const expected: ExpectedLink[] = [leaving ? expectLink.plain('leave') : expectLink.about('remove', username)];
      if (rotation) expected.push(expectLink.rotate(rotation));
      await appendLinks(trx, groupId, me, links, expected);
      await deleteMember(trx, groupId, username);
      deliveries.push({ event: { type: 'member', groupId, action: leaving ? 'left' : 'removed', username }, alsoTo: [username] });
      if (rotation) {
        await storeRotation(trx, groupId, rotation, me);
        deliveries.push({ event: { type: 'key', groupId, generation: rotation.generation } });
        return { generation: rotation.generation, needsRotation: false };
      }
      await markNeedsRotation(trx, groupId);
      // By its log a DM has ended once one of the two left: nothing but the other's leave follows.
      if (membership.kind === 'dm') await endDirectMessage(trx, groupId);
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
      const holders = await memberNames(trx, groupId);
      if (membership.kind === 'dm' && holders.length < 2) throw notInDirectMessage('rotate its key once one of you left, as it has ended');
      checkRotation(rotation, membership, holders);
      await appendLinks(trx, groupId, request.username, links, [expectLink.rotate(rotation)]);
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
        if (membership.kind === 'dm') throw notInDirectMessage(promote ? 'be made admin' : 'have admin rights taken away');
        requireAdmin(membership, promote ? 'make admins' : 'take admin rights away');
        const target = await readMember(trx, groupId, username);
        if (!promote) await keepAnAdmin(trx, groupId, username, 'taking these rights away');
        if (target.is_admin !== promote) {
          await appendLinks(trx, groupId, request.username, request.body.links, [expectLink.about(promote ? 'promote' : 'demote', username)]);
        }
        await setAdmin(trx, groupId, username, promote);
        return { ...target, is_admin: promote };
      });
      await publish(app, { event: { type: 'member', groupId, action: promote ? 'promoted' : 'demoted', username } });
      return memberView(row);
    });
  }
};

export default members;
