// Creating a group with its first members, all or nothing: every name is looked up (and its
// keys checked against the pins) before anything is made, so a typo or a changed key stops it
// with no group on the server; a failure while adding after that deletes the group again.

import { isServerError, TeamChatClientError } from '../errors';
import type { UserDirectory } from '../trust/user-directory';
import type { GroupChanges } from './group-changes';
import type { GroupDirectory } from './group-directory';
import type { GroupOperations } from './group-operations';
import type { Group } from './verified-group';

export interface CreateGroupOptions {
  /** Usernames to add; duplicates and your own name are dropped. */
  members?: readonly string[];
  /** Make it even if you are in a group of this name already. */
  allowSameName?: boolean;
}

export class NoSuchUsersError extends TeamChatClientError {
  constructor(readonly usernames: string[]) {
    const list = usernames.map((u) => `"${u}"`).join(', ');
    super(`There is no user ${list} on this server; check the spelling. Nothing was created.`);
  }
}

export class GroupNameTakenError extends TeamChatClientError {
  constructor(readonly groupName: string, doing: 'create' | 'rename' = 'create') {
    super(`You already have a group named "${groupName}". ${doing === 'create' ? 'Create another one' : 'Give this one the same name'} only if you mean to.`);
  }
}

export class GroupCreation {
  constructor(
    private readonly me: string,
    private readonly users: UserDirectory,
    private readonly operations: GroupOperations,
    private readonly changes: GroupChanges,
    private readonly directory: GroupDirectory,
  ) {}

  async create(name: string, options: CreateGroupOptions = {}): Promise<Group> {
    const members = [...new Set((options.members ?? []).map((m) => m.trim()).filter((m) => m && m !== this.me))];
    await this.checkEveryone(members);
    let group: Group;
    try {
      group = await this.changes.create(name, { allowSameName: options.allowSameName ?? false });
    } catch (error) {
      if (isServerError(error, 'group_name_taken')) throw new GroupNameTakenError(name.trim());
      throw error;
    }
    try {
      for (const username of members) await this.changes.run(group, (g) => this.operations.addMember(g, username, { shareHistory: true }));
    } catch (error) {
      // Half a group is what the user did not ask for: take it back, and say why it failed.
      await this.changes.end(group, 'delete').catch(() => undefined);
      throw error;
    }
    return this.directory.get(group.id) ?? group;
  }

  /** Every member's keys, before anything is made: unknown names all at once, a changed key as itself. */
  private async checkEveryone(members: string[]): Promise<void> {
    const missing: string[] = [];
    const results = await Promise.allSettled(members.map((m) => this.users.keysOf(m)));
    for (const [i, result] of results.entries()) {
      if (result.status === 'fulfilled') continue;
      if (isServerError(result.reason, 'user_not_found')) missing.push(members[i]!);
      else throw result.reason;
    }
    if (missing.length) throw new NoSuchUsersError(missing);
  }
}
