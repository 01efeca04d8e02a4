// Before a message that carries a file is stored: the answer when it cannot carry it.
// (The store checks again as it ties them, so a race still stores nothing wrong.)

import type { Knex } from '@mikro-orm/postgresql';
import type { PostMessageBody } from '../../common/api';
import { badRequest, conflict, notFound } from '../http/errors';
import { requireMembership } from './groups';
import { attachProblem } from './files';

export async function checkAttachable(knex: Knex, groupId: string, sender: string, body: PostMessageBody): Promise<void> {
  if (body.editOf || body.deleteOf) throw badRequest('invalid_request', 'An edit or a delete carries no file; send the file as a message of its own.');
  await requireMembership(knex, groupId, sender);
  for (const fileId of body.fileIds ?? []) {
    const problem = await attachProblem(knex, groupId, sender, fileId, body.msgId);
    if (problem === 'not-found') throw notFound('file_not_found', 'No such upload of yours in this group; upload the file again.');
    if (problem === 'incomplete') throw conflict('file_incomplete', 'The upload is not complete; send its missing chunks and complete it first.');
    if (problem === 'attached') throw conflict('file_attached', 'Another message carries this file already; upload it again to send it again.');
  }
}
