import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { CreateInviteAnswer, CreateInviteBody, DEFAULT_INVITE_SECONDS, InviteListAnswer, InviteParams } from '../../common/api';
import { notFound } from '../http/errors';
import { errors, security } from '../http/route-schema';
import { createInvite, listInvites, revokeInvite } from '../store/invites';
import { isServerAdmin } from '../store/server-admins';

export interface InvitesOptions {
  /** Members may invite too (and list and revoke the invites they made); otherwise server admins only. */
  memberInvites: boolean;
}

/** Invites: created, listed and revoked by server admins (or by members, when the server allows it). */
const invites: FastifyPluginAsyncTypebox<InvitesOptions> = async (app, options) => {
  app.addHook('onRequest', options.memberInvites ? app.requireUser : app.requireServerAdmin);

  /** Undefined for a server admin (every invite), else the member, who sees only their own. */
  async function onlyMadeBy(request: FastifyRequest): Promise<string | undefined> {
    if (!options.memberInvites) return undefined;
    return (await isServerAdmin(request.em, request.username)) ? undefined : request.username;
  }

  app.post('/api/admin/invites', {
    schema: {
      tags: ['admin'], summary: 'Create an invite; its code is in this answer only', security,
      body: CreateInviteBody, response: { 201: CreateInviteAnswer, ...errors },
    },
  }, async (request, reply) => {
    const body = request.body;
    const made = await createInvite(request.em.getKnex(), {
      createdBy: request.username,
      maxUses: body.maxUses ?? 1,
      expiresInSeconds: body.expiresInSeconds ?? DEFAULT_INVITE_SECONDS,
      username: body.username,
    });
    request.log.info({ inviteId: made.invite.id, by: request.username }, 'invite created');
    return reply.status(201).send(made);
  });

  app.get('/api/admin/invites', {
    schema: { tags: ['admin'], summary: 'The invites (a member sees their own), newest first, with who used them', security, response: { 200: InviteListAnswer, ...errors } },
  }, async (request) => ({ invites: await listInvites(request.em.getKnex(), await onlyMadeBy(request)) }));

  app.delete('/api/admin/invites/:id', {
    schema: { tags: ['admin'], summary: 'Revoke an invite: it registers no one from now on', security, params: InviteParams, response: { 204: { type: 'null' }, ...errors } },
  }, async (request, reply) => {
    if (!(await revokeInvite(request.em.getKnex(), request.params.id, await onlyMadeBy(request)))) {
      throw notFound('invite_not_found', 'There is no such invite (or you did not make it); list the invites to see their ids.');
    }
    return reply.status(204).send(null);
  });
};

export default invites;
