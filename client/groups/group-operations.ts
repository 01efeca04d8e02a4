// The group operations that need crypto: every key generation is made and sealed here, on
// the client, for exactly the people who should hold it, and every change is a signed link
// of the group log (common/group-log), checked against the log before it is sent. For a
// group with a log, who holds the group comes from the verified log, never from the server.

import { randomUUID } from 'node:crypto';
import type { GroupView, MemberView, RemoveMemberAnswer, RotateAnswer } from '../../common/api';
import { generateGroupKey, sealGroupKeyFor, toBase64, type Identity } from '../../common/crypto';
import {
  RuleBroken, makeLink, nextHead, verifyGroupLog, type GroupLogState, type LinkBodies, type LinkType, type LogHead, type MemberKeys,
} from '../../common/group-log';
import type { ApiClient } from '../api/api-client';
import { GroupVerificationError, isServerError, NotAllowedByLogError, NotAMemberError, TeamChatClientError } from '../errors';
import { GroupNameTakenError } from './group-creation';
import { groupNameOf, groupTopicOf } from './group-text';
import type { GroupKeyRing } from '../keys/group-key-ring';
import type { TrustedUser, UserDirectory } from '../trust/user-directory';
import type { GroupLogKeeper } from './group-log-keeper';
import type { Group } from './verified-group';

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
const STALE_GROUP_CODES = new Set(['generation_conflict', 'members_changed', 'generation_stale', 'log_conflict']);

export function isStaleGroupError(error: unknown): boolean {
  return isServerError(error) && error.status === 409 && STALE_GROUP_CODES.has(error.code);
}

/** One change to make: a link type and its body. */
type Change = [LinkType, LinkBodies[LinkType]];

/** Who holds the group, sorted: by the log when it has one. */
function memberNames(group: Group, state: GroupLogState | undefined): string[] {
  return (state ? [...state.members.keys()] : group.members.map((m) => m.username)).sort();
}

function keysOf(user: TrustedUser): MemberKeys {
  return { username: user.username, encryptionKey: toBase64(user.encryptionPublicKey), signingKey: toBase64(user.signingPublicKey) };
}

export class GroupOperations {
  constructor(
    private readonly api: ApiClient,
    private readonly me: Me,
    private readonly users: UserDirectory,
    private readonly keyRing: GroupKeyRing,
    private readonly logs: GroupLogKeeper,
  ) {}

  async create(name: string, options: { allowSameName: boolean }): Promise<GroupView> {
    const id = randomUUID();
    const groupKey = generateGroupKey();
    const sealed = await sealGroupKeyFor(
      { username: this.me.username, encryptionPublicKey: this.me.identity.encryptionPublicKey },
      groupKey,
      { groupId: id, generation: 1 },
      this.me.identity.signingPrivateKey,
    );
    const links = await this.checked(id, undefined, [['create', { name: name.trim(), member: this.myKeys() }]]);
    const group = await this.api.createGroup({ id, name, encryptedGroupKeyB64: sealed, links, ...(options.allowSameName ? { allowSameName: true } : {}) });
    this.keyRing.remember(id, 1, groupKey);
    return group;
  }

  /**
   * Seals the current generation (and, to share history, every older one this admin holds)
   * to the new member's pinned public key. Throws KeyChangedError if their keys changed.
   */
  async addMember(group: Group, username: string, options: { shareHistory: boolean }): Promise<MemberView> {
    const state = this.sealable(group);
    const member = await this.users.keysOf(username);
    const held = state
      ? [...state.holders].filter(([, holders]) => holders.has(this.me.username)).map(([g]) => g)
      : group.keys.map((k) => k.generation);
    const generations = options.shareHistory ? [...new Set([...held, group.generation])].sort((a, b) => a - b) : [group.generation];
    const links = await this.linksFor(group.id, state, [['add', { member: keysOf(member), generations }]]);
    const keys = [];
    for (const generation of generations) {
      const groupKey = await this.keyRing.keyFor(group, generation);
      keys.push({ generation, encryptedGroupKeyB64: await sealGroupKeyFor(member, groupKey, { groupId: group.id, generation }, this.me.identity.signingPrivateKey) });
    }
    return this.api.addMember(group.id, { username, keys, ...(links ? { links } : {}) });
  }

  /** Removes a member and, in the same request, hands the next generation to everyone who stays. */
  async removeMember(group: Group, username: string): Promise<RemoveMemberAnswer> {
    if (username === this.me.username) throw new CannotRemoveYourselfError();
    const state = this.sealable(group);
    const members = memberNames(group, state);
    if (!members.includes(username)) throw new NotAMemberError(group.name, username);
    const remaining = members.filter((name) => name !== username);
    const rotation = await this.sealNextGeneration(group, state, remaining);
    const links = await this.linksFor(group.id, state, [['remove', { username }], ['rotate', { generation: rotation.body.generation, sealedTo: remaining }]]);
    const answer = await this.api.removeMember(group.id, username, { rotation: rotation.body, ...(links ? { links } : {}) });
    this.keyRing.remember(group.id, rotation.body.generation, rotation.groupKey);
    return answer;
  }

  async leave(group: Group): Promise<RemoveMemberAnswer> {
    // Leaving and deleting need no sealing: they go ahead in a failed or disputed group too.
    const links = await this.linksFor(group.id, this.logs.state(group.id), [['leave', {}]]);
    const answer = await this.api.removeMember(group.id, this.me.username, links ? { links } : {});
    this.keyRing.forget(group.id);
    return answer;
  }

  /** Any member may rotate: generation g+1 for exactly the current members. */
  async rotate(group: Group): Promise<RotateAnswer> {
    const state = this.sealable(group);
    const members = memberNames(group, state);
    const rotation = await this.sealNextGeneration(group, state, members);
    const links = await this.linksFor(group.id, state, [['rotate', { generation: rotation.body.generation, sealedTo: members }]]);
    const answer = await this.api.rotate(group.id, { ...rotation.body, ...(links ? { links } : {}) });
    this.keyRing.remember(group.id, rotation.body.generation, rotation.groupKey);
    return answer;
  }

  async setAdmin(group: Group, username: string, admin: boolean): Promise<MemberView> {
    const state = this.sealable(group);
    const links = await this.linksFor(group.id, state, [[admin ? 'promote' : 'demote', { username }]]);
    return admin ? this.api.promote(group.id, username, links) : this.api.demote(group.id, username, links);
  }

  /**
   * Renames the group (admin); a name you are in another group of is refused (GroupNameTakenError)
   * unless `allowSameName`. Like the other changes but leave and delete, it waits while the group
   * is disputed or failed: the link would extend a log the server is not showing honestly.
   */
  async rename(group: Group, text: string, options: { allowSameName: boolean }): Promise<GroupView> {
    const name = groupNameOf(text);
    const links = await this.linksFor(group.id, this.sealable(group), [['rename', { name }]]);
    try {
      return await this.api.renameGroup(group.id, { name, ...(links ? { links } : {}), ...(options.allowSameName ? { allowSameName: true } : {}) });
    } catch (error) {
      if (isServerError(error, 'group_name_taken')) throw new GroupNameTakenError(name, 'rename');
      throw error;
    }
  }

  /** Sets the group's one-line topic (admin); "" clears it. */
  async setTopic(group: Group, text: string): Promise<GroupView> {
    const topic = groupTopicOf(text);
    const links = await this.linksFor(group.id, this.sealable(group), [['topic', { topic }]]);
    return this.api.setTopic(group.id, { topic, ...(links ? { links } : {}) });
  }

  async delete(group: Group): Promise<void> {
    const links = await this.linksFor(group.id, this.logs.state(group.id), [['delete', {}]]);
    await this.api.deleteGroup(group.id, links);
    this.keyRing.forget(group.id);
  }

  /**
   * Starts the log of a group made before it: this admin states the members, admins, keys
   * (as looked up and pinned now) and generation. It proves who holds the group from here on,
   * not who held its older keys.
   */
  async startLog(group: Group): Promise<GroupView> {
    if (group.verification.state !== 'unverifiable') throw new NotAllowedByLogError(`"${group.name}" has a signed log already.`);
    const members = await Promise.all(group.members.map(async (m) => ({ ...keysOf(await this.users.keysOf(m.username)), admin: m.isAdmin })));
    members.sort((a, b) => (a.username < b.username ? -1 : 1));
    return this.api.startLog(group.id, await this.checked(group.id, undefined, [['start', { name: group.name, generation: group.generation, members }]]));
  }

  /** The verified log, when the group has one; refuses to seal while it is disputed or failed. */
  private sealable(group: Group): GroupLogState | undefined {
    const { verification } = group;
    if (verification.state === 'unverifiable') return undefined;
    const state = this.logs.state(group.id);
    if ((verification.state !== 'verified' && !verification.sealable) || !state) {
      throw new GroupVerificationError(group.name, verification.reason ?? 'failed', verification.problem ?? 'its signed log could not be verified.');
    }
    return state;
  }

  /** The change's links for a group with a verified log; none for a group made before the log. */
  private async linksFor(groupId: string, state: GroupLogState | undefined, changes: Change[]): Promise<string[] | undefined> {
    return state ? this.checked(groupId, state, changes) : undefined;
  }

  /** Signs the links one after the other and applies them to the verified log first: what the log refuses is never sent. */
  private async checked(groupId: string, state: GroupLogState | undefined, changes: Change[]): Promise<string[]> {
    let head: LogHead | undefined = state?.head;
    const texts: string[] = [];
    for (const [type, body] of changes) {
      const link = makeLink(groupId, head, type, body as never, { username: this.me.username, signingPrivateKey: this.me.identity.signingPrivateKey });
      texts.push(link.text);
      head = nextHead(link);
    }
    try {
      await verifyGroupLog(groupId, texts, state);
    } catch (error) {
      if (error instanceof RuleBroken) throw new NotAllowedByLogError(`${error.rule.charAt(0).toUpperCase()}${error.rule.slice(1)}.`);
      throw error;
    }
    return texts;
  }

  private myKeys(): MemberKeys {
    return keysOf({ username: this.me.username, encryptionPublicKey: this.me.identity.encryptionPublicKey, signingPublicKey: this.me.identity.signingPublicKey });
  }

  private async sealNextGeneration(group: Group, state: GroupLogState | undefined, members: string[]) {
    const generation = (state?.generation ?? group.generation) + 1;
    const groupKey = generateGroupKey();
    // Keys first, for everyone: a changed key stops the rotation before anything is sent. With
    // a log, the keys are the ones the log gives each member, never a fresh lookup.
    const recipients = state
      ? members.map((name) => {
        const member = state.members.get(name);
        if (!member) throw new NotAMemberError(group.name, name);
        return this.users.sealingKeysFromLog(member);
      })
      : await Promise.all(members.map((name) => this.users.keysOf(name)));
    const keys = await Promise.all(
      recipients.map(async (member) => ({
        username: member.username,
        encryptedGroupKeyB64: await sealGroupKeyFor(member, groupKey, { groupId: group.id, generation }, this.me.identity.signingPrivateKey),
      })),
    );
    return { body: { generation, keys }, groupKey };
  }
}
