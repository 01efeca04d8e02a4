// Members of my groups whose accounts a server admin deactivated or deleted, in the groups
// where I am an admin: the prompt to remove them (a removal rotates the key). The flag is the
// server's claim, so it only prompts; the removal is the admin's own signed change.

import type { Group } from './verified-group';

export interface DeactivatedMember {
  groupId: string;
  groupName: string;
  username: string;
  status: 'deactivated' | 'deleted';
}

const keyOf = (m: Pick<DeactivatedMember, 'groupId' | 'username'>) => `${m.groupId}\n${m.username}`;

export class DeactivatedMembers {
  private current = new Map<string, DeactivatedMember>();

  /** `appeared`: one not seen in the previous list (on start, every one there is). */
  constructor(private readonly me: string, private readonly appeared: (member: DeactivatedMember) => void) {}

  list(): DeactivatedMember[] {
    return [...this.current.values()];
  }

  update(groups: Group[]): void {
    const next = new Map<string, DeactivatedMember>();
    for (const group of groups) {
      if (!group.isAdmin) continue;
      for (const member of group.members) {
        if (!member.accountStatus || member.username === this.me) continue;
        const found = { groupId: group.id, groupName: group.name, username: member.username, status: member.accountStatus };
        next.set(keyOf(found), found);
      }
    }
    const before = this.current;
    this.current = next;
    for (const [key, member] of next) if (!before.has(key)) this.appeared(member);
  }
}
