// The group operations that need crypto: every key generation is made and sealed here, on
// the client, for exactly the people who should hold it. The server only stores the sealed
// copies and checks who may do what.

import { randomUUID } from 'node:crypto';
import type { GroupView, MemberView, RemoveMemberAnswer, RotateAnswer } from '../../common/api';
import { generateGroupKey, sealGroupKeyFor, type Identity } from '../../common/crypto';
import type { ApiClient } from '../api/api-client';
import { isServerError, NotAMemberError, TeamChatClientError } from '../errors';
import type { GroupKeyRing } from '../keys/group-key-ring';
import type { UserDirectory } from '../trust/user-directory';

export class CannotRemoveYourselfError extends TeamChatClientError {
  constructor() {
    super('To remove yourself from a group, leave it instead.');
  }
}

export interface Me {
  username: string;
  identity: Identity;
}

/** Conflicts that mean "the group changed under you": fetch it again and redo the work once. */
const STALE_GROUP_CODES = new Set(['generation_conflict', 'members_changed', 'generation_stale']);

export function isStaleGroupError(error: unknown): boolean {
  return isServerError(error) && error.status === 409 && STALE_GROUP_CODES.has(error.code);
}

export class GroupOperations {
  constructor(
    private readonly api: ApiClient,
    private readonly me: Me,
    private readonly users: UserDirectory,
    private readonly keyRing: GroupKeyRing,
  ) {}

  async create(name: string): Promise<GroupView> {
    const id = randomUUID();
    const groupKey = generateGroupKey();
    const sealed = await sealGroupKeyFor(
      { username: this.me.username, encryptionPublicKey: this.me.identity.encryptionPublicKey },
      groupKey,
      { groupId: id, generation: 1 },
      this.me.identity.signingPrivateKey,
    );
    const group = await this.api.createGroup({ id, name, encryptedGroupKeyB64: sealed });
    this.keyRing.remember(id, 1, groupKey);
    return group;
  }

  /**
   * Seals the current generation (and, to share history, every older one this admin holds)
   * to the new member's pinned public key. Throws KeyChangedError if their keys changed.
   */
  async addMember(group: GroupView, username: string, options: { shareHistory: boolean }): Promise<MemberView> {
    const member = await this.users.keysOf(username);
    const generations = options.shareHistory
      ? [...new Set([...group.keys.map((k) => k.generation), group.generation])].sort((a, b) => a - b)
      : [group.generation];
    const keys = [];
    for (const generation of generations) {
      const groupKey = await this.keyRing.keyFor(group, generation);
      keys.push({ generation, encryptedGroupKeyB64: await sealGroupKeyFor(member, groupKey, { groupId: group.id, generation }, this.me.identity.signingPrivateKey) });
    }
    return this.api.addMember(group.id, { username, keys });
  }

  /** Removes a member and, in the same request, hands the next generation to everyone who stays. */
  async removeMember(group: GroupView, username: string): Promise<RemoveMemberAnswer> {
    if (username === this.me.username) throw new CannotRemoveYourselfError();
    if (!group.members.some((m) => m.username === username)) throw new NotAMemberError(group.name, username);
    const remaining = group.members.map((m) => m.username).filter((name) => name !== username);
    const rotation = await this.sealNextGeneration(group, remaining);
    const answer = await this.api.removeMember(group.id, username, { rotation: rotation.body });
    this.keyRing.remember(group.id, rotation.body.generation, rotation.groupKey);
    return answer;
  }

  async leave(group: GroupView): Promise<RemoveMemberAnswer> {
    const answer = await this.api.removeMember(group.id, this.me.username);
    this.keyRing.forget(group.id);
    return answer;
  }

  /** Any member may rotate: generation g+1 for exactly the current members. */
  async rotate(group: GroupView): Promise<RotateAnswer> {
    const rotation = await this.sealNextGeneration(group, group.members.map((m) => m.username));
    const answer = await this.api.rotate(group.id, rotation.body);
    this.keyRing.remember(group.id, rotation.body.generation, rotation.groupKey);
    return answer;
  }

  async delete(group: GroupView): Promise<void> {
    await this.api.deleteGroup(group.id);
    this.keyRing.forget(group.id);
  }

  private async sealNextGeneration(group: GroupView, members: string[]) {
    const generation = group.generation + 1;
    const groupKey = generateGroupKey();
    // Keys first, for everyone: a changed key stops the rotation before anything is sent.
    const recipients = await Promise.all(members.map((name) => this.users.keysOf(name)));
    const keys = await Promise.all(
      recipients.map(async (member) => ({
        username: member.username,
        encryptedGroupKeyB64: await sealGroupKeyFor(member, groupKey, { groupId: group.id, generation }, this.me.identity.signingPrivateKey),
      })),
    );
    return { body: { generation, keys }, groupKey };
  }
}
