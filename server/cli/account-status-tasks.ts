import type { EntityManager } from '@mikro-orm/postgresql';
import { deactivateAccount, deleteAccount, reactivateAccount, type StatusChange } from '../store/account-status';
import type { AdminTask } from './admin-tasks';
import { CommandFailed } from './command';

// Deactivate, reactivate, delete on the server host. The store functions send the notice
// that every running server process hears (in the same transaction): they refuse the
// account's tokens, close its sockets and tell the members of its groups, as for the route.

function outcome(username: string, change: StatusChange): Extract<StatusChange, { outcome: 'changed' }> {
  if (change.outcome === 'not_found') throw new CommandFailed(`There is no account "${username}" on this server.`);
  if (change.outcome === 'deleted') throw new CommandFailed(`The account "${username}" was deleted; a deleted account cannot come back.`);
  if (change.outcome === 'last_server_admin') throw new CommandFailed(`${username} is the last active server admin; grant the role to another account first.`);
  return change;
}

const groups = (n: number) => (n === 0 ? '' : ` The admins of its ${n} group${n === 1 ? ' are' : 's are'} asked to remove it (that rotates the key; the server cannot).`);

function statusTask(name: string, summary: string, act: (em: EntityManager, username: string) => Promise<StatusChange>, done: (username: string, groups: number) => string): AdminTask {
  return {
    name,
    words: ['<user>'],
    summary,
    async run(em, [username]) {
      const change = outcome(username!, await act(em, username!));
      console.log(done(username!, change.groupIds.length));
    },
  };
}

export const ACCOUNT_STATUS_TASKS: readonly AdminTask[] = [
  statusTask('deactivate', 'sign <user> out everywhere at once; no sign-in until reactivated', (em, u) => deactivateAccount(em.getKnex(), u),
    (u, n) => `${u} is deactivated: signed out everywhere.${groups(n)}`),
  statusTask('reactivate', '<user> signs in again with their passphrase', (em, u) => reactivateAccount(em.getKnex(), u),
    (u) => `${u} is active again and can sign in with their passphrase.`),
  statusTask('delete', 'delete <user> for good: vault and sign-in go, the name and public keys stay', (em, u) => deleteAccount(em.getKnex(), u),
    (u, n) => `${u} is deleted: nobody can sign in as them or take the name; what they signed still verifies.${groups(n)}`),
];
