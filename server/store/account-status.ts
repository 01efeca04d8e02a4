import type { Knex } from '@mikro-orm/postgresql';
import type { AccountStatus } from '../../common/api';
import { END_SIGN_INS_SQL, NOTIFY_ACCOUNTS_SQL } from './ended-sign-ins';

const NO_FAMILY = '00000000-0000-0000-0000-000000000000';

export type StatusChange =
  | { outcome: 'changed'; status: AccountStatus; groupIds: string[] }
  | { outcome: 'not_found' }
  /** Deleted for good: nothing brings it back. */
  | { outcome: 'deleted' }
  /** It is the last active server admin: someone must be left to manage accounts. */
  | { outcome: 'last_server_admin' };

interface Locked { status: AccountStatus; server_admin: boolean }

async function lockAccount(trx: Knex, username: string): Promise<Locked | undefined> {
  const found = await trx.raw('SELECT status, server_admin FROM users WHERE username = ? FOR UPDATE', [username]);
  return found.rows[0] as Locked | undefined;
}

/**
 * Locks the active server admins (in name order, so two admins deactivating each other at once
 * wait for one another instead of deadlocking), then says whether `account` is the last one.
 */
async function lockServerAdmins(trx: Knex): Promise<string[]> {
  const rows = await trx.raw(`SELECT username FROM users WHERE server_admin AND status = 'active' ORDER BY username FOR UPDATE`);
  return rows.rows.map((r: { username: string }) => r.username);
}

function isLastActiveServerAdmin(admins: string[], username: string, account: Locked): boolean {
  return account.server_admin && account.status === 'active' && admins.every((name) => name === username);
}

/** The groups an account is a member of, e.g. to tell their members its status changed. */
export async function groupsOf(trx: Knex, username: string): Promise<string[]> {
  const rows: { group_id: string }[] = await trx('group_memberships').select('group_id').where({ username }).orderBy('group_id');
  return rows.map((r) => r.group_id);
}

/**
 * Deactivation: the account signs nobody in, and every sign-in it has is ended (its access
 * tokens are refused by every process from the commit on). Its memberships and everything
 * it signed stay as they were: only a group's admin can remove it, with a signed change.
 */
export async function deactivateAccount(knex: Knex, username: string): Promise<StatusChange> {
  return knex.transaction(async (trx) => {
    const admins = await lockServerAdmins(trx);
    const account = await lockAccount(trx, username);
    if (!account) return { outcome: 'not_found' };
    if (account.status === 'deleted') return { outcome: 'deleted' };
    if (isLastActiveServerAdmin(admins, username, account)) return { outcome: 'last_server_admin' };
    await trx.raw(`UPDATE users SET status = 'deactivated' WHERE username = ?`, [username]);
    await trx.raw(END_SIGN_INS_SQL, [username, NO_FAMILY]);
    await trx.raw(NOTIFY_ACCOUNTS_SQL);
    return { outcome: 'changed', status: 'deactivated', groupIds: await groupsOf(trx, username) };
  });
}

/** Signs in again with the passphrase; the sign-ins deactivation ended stay ended. */
export async function reactivateAccount(knex: Knex, username: string): Promise<StatusChange> {
  return knex.transaction(async (trx) => {
    const account = await lockAccount(trx, username);
    if (!account) return { outcome: 'not_found' };
    if (account.status === 'deleted') return { outcome: 'deleted' };
    await trx.raw(`UPDATE users SET status = 'active' WHERE username = ?`, [username]);
    await trx.raw('DELETE FROM refresh_tokens WHERE username = ?', [username]);
    await trx.raw(NOTIFY_ACCOUNTS_SQL);
    return { outcome: 'changed', status: 'active', groupIds: await groupsOf(trx, username) };
  });
}

/**
 * Deletion: the sealed key vault (and the one under the recovery key), the authKey hash and every token go, so nothing on the
 * server signs in as the account again. The username and public keys stay, for ever: the
 * name cannot be registered again, and what the account signed still verifies.
 */
export async function deleteAccount(knex: Knex, username: string): Promise<StatusChange> {
  return knex.transaction(async (trx) => {
    const admins = await lockServerAdmins(trx);
    const account = await lockAccount(trx, username);
    if (!account) return { outcome: 'not_found' };
    if (isLastActiveServerAdmin(admins, username, account)) return { outcome: 'last_server_admin' };
    await trx.raw(END_SIGN_INS_SQL, [username, NO_FAMILY]);
    await trx.raw(`UPDATE users SET status = 'deleted', server_admin = false, key_vault = ''::bytea, auth_key_hash = ''
      WHERE username = ?`, [username]);
    await trx.raw('DELETE FROM refresh_tokens WHERE username = ?', [username]);
    await trx.raw('DELETE FROM recovery_keys WHERE username = ?', [username]);
    await trx.raw(NOTIFY_ACCOUNTS_SQL);
    return { outcome: 'changed', status: 'deleted', groupIds: await groupsOf(trx, username) };
  });
}

export async function accountStatus(knex: Knex, username: string): Promise<AccountStatus | undefined> {
  const row = await knex('users').first('status').where({ username });
  return (row as { status: AccountStatus } | undefined)?.status;
}
