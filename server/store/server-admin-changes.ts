import type { Knex } from '@mikro-orm/postgresql';

/**
 * Takes the role away, never from the last active server admin: the admins' rows are locked first,
 * so two admins revoking each other at once cannot leave the server with none.
 */
export async function revokeServerAdmin(knex: Knex, username: string): Promise<'revoked' | 'no_user' | 'last'> {
  return knex.transaction(async (trx) => {
    // Active ones only (a deactivated admin manages nothing), in name order as deactivation locks them (account-status.ts).
    const admins = (await trx('users').where({ server_admin: true, status: 'active' }).orderBy('username').forUpdate().select('username') as { username: string }[])
      .map((r) => r.username);
    if (!admins.includes(username)) {
      const found = await trx('users').where('username', username).first('username');
      if (found) await trx('users').where('username', username).update({ server_admin: false });
      return found ? 'revoked' : 'no_user';
    }
    if (admins.length === 1) return 'last';
    await trx('users').where('username', username).update({ server_admin: false });
    return 'revoked';
  });
}
