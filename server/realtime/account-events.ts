import type { Knex } from '@mikro-orm/postgresql';
import type { MemberAction } from '../../common/api';
import type { AccountChange } from '../auth/ended-sign-ins';
import { groupsOf } from '../store/account-status';
import type { SocketHub } from './hub';

const ACTION: Record<AccountChange['status'], MemberAction> = { active: 'reactivated', deactivated: 'deactivated', deleted: 'deleted' };

/**
 * Tells this process's sockets that a member's account changed status: the prompt for each
 * group's admins to remove a deactivated member (a claim only; the group does not change).
 * Every process does it for its own sockets when it reloads, so it holds whoever made the
 * change, and nobody hears it twice.
 */
export async function deliverAccountChanges(hub: SocketHub, knex: Knex, changes: AccountChange[]): Promise<void> {
  for (const { username, status } of changes) {
    for (const groupId of await groupsOf(knex, username)) {
      hub.deliver({ event: { type: 'member', groupId, action: ACTION[status], username } });
    }
  }
}
