import type { EntityManager } from '@mikro-orm/postgresql';
import { USERNAME_PATTERN } from '../../common/api/primitives';
import { ConfigError } from '../config';
import { listAccounts } from '../store/account-list';
import { setServerAdmin } from '../store/server-admins';
import { CommandFailed } from './command';

/**
 * One task of `teamchat-server admin`, run on the database directly. A new task (deactivate,
 * reactivate, delete, invites) is one more entry in ADMIN_TASKS.
 */
export interface AdminTask {
  name: string;
  /** Its words after the name, for help and usage: e.g. ['<user>']. */
  words: string[];
  /** One line for `teamchat-server admin --help`. */
  summary: string;
  run(em: EntityManager, words: string[]): Promise<void>;
}

/** A username as the server spells them, or a usage error (exit 2); admin checks every <user> word before it opens the database. */
export function usernameWord(word: string): string {
  if (!new RegExp(USERNAME_PATTERN).test(word)) {
    throw new ConfigError(`"${word}" is not a username: usernames are 2 to 32 lowercase letters, digits, ".", "_" or "-".`);
  }
  return word;
}

function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const users: AdminTask = {
  name: 'users',
  words: [],
  summary: 'list the accounts: username, when created, whether a server admin',
  async run(em) {
    const rows = await listAccounts(em);
    if (rows.length === 0) return void console.log('There are no accounts on this server yet.');
    const width = Math.max('USERNAME'.length, ...rows.map((row) => row.username.length));
    console.log(`${'USERNAME'.padEnd(width)}  CREATED               SERVER ADMIN`);
    for (const row of rows) console.log(`${row.username.padEnd(width)}  ${formatDate(row.createdAt)}  ${row.serverAdmin ? 'yes' : 'no'}`);
  },
};

function roleTask(name: 'grant' | 'revoke', serverAdmin: boolean): AdminTask {
  return {
    name,
    words: ['<user>'],
    summary: serverAdmin
      ? 'make <user> a server admin (manages accounts; reads no group)'
      : 'take the server-admin role from <user>',
    async run(em, [word]) {
      const username = word!;
      if (!(await setServerAdmin(em, username, serverAdmin))) throw new CommandFailed(`There is no account "${username}" on this server.`);
      console.log(serverAdmin ? `${username} is now a server admin.` : `${username} is no longer a server admin.`);
    },
  };
}

export const ADMIN_TASKS: readonly AdminTask[] = [users, roleTask('grant', true), roleTask('revoke', false)];
