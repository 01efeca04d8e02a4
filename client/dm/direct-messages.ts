// Direct messages: two-person conversations with the encryption, log and verification of a
// group (docs/direct-messages.md). Opening one with a person finds the live one this client
// verified, or makes it: their keys are looked up and checked against the pin exactly as
// adding a member does, generation 1 is sealed to both, and the signed `dm` link names both
// with those keys. The server keeps one live DM per pair, so it may answer with the one that
// exists; that one is verified like any group before it is used.

import { randomUUID } from 'node:crypto';
import { generateGroupKey, sealGroupKeyFor, toBase64 } from '../../common/crypto';
import { makeLink, verifyGroupLog, type MemberKeys } from '../../common/group-log';
import type { ApiClient } from '../api/api-client';
import { isServerError, ProtocolError, TeamChatClientError } from '../errors';
import { NoSuchUsersError } from '../groups/group-creation';
import type { GroupDirectory } from '../groups/group-directory';
import type { Me } from '../groups/group-operations';
import type { Group } from '../groups/verified-group';
import type { GroupKeyRing } from '../keys/group-key-ring';
import type { TrustedUser, UserDirectory } from '../trust/user-directory';

export class DirectMessageWithYourselfError extends TeamChatClientError {
  constructor() {
    super('A direct message is between two people; pick someone other than yourself.');
  }
}

export class DirectMessageEndedError extends TeamChatClientError {
  constructor(readonly other: string) {
    super(`This conversation with ${other} has ended: one of you left it. Open a new direct message with ${other} to talk again.`);
  }
}

function keysOf(user: TrustedUser): MemberKeys {
  return { username: user.username, encryptionKey: toBase64(user.encryptionPublicKey), signingKey: toBase64(user.signingPublicKey) };
}

/** "bob", " @bob ": the username a person typed or clicked. */
export function directMessageName(text: string): string {
  return text.trim().replace(/^@/, '');
}

export class DirectMessages {
  constructor(
    private readonly api: ApiClient,
    private readonly me: Me,
    private readonly users: UserDirectory,
    private readonly keyRing: GroupKeyRing,
    private readonly directory: GroupDirectory,
  ) {}

  /** The live verified DM with `username`, or a new one. Throws KeyChangedError if their keys changed since pinned. */
  async open(username: string): Promise<Group> {
    const name = directMessageName(username);
    if (name === this.me.username) throw new DirectMessageWithYourselfError();
    if (!this.directory.isLoaded) await this.directory.refreshAll();
    const existing = this.directory.directMessageWith(name);
    if (existing && !existing.dm?.ended) return existing;
    let them: TrustedUser;
    try {
      them = await this.users.keysOf(name);
    } catch (error) {
      if (isServerError(error, 'user_not_found')) throw new NoSuchUsersError([name]);
      throw error;
    }
    const mine = await this.users.keysOf(this.me.username);
    const id = randomUUID();
    const groupKey = generateGroupKey();
    const members = [keysOf(mine), keysOf(them)].sort((a, b) => (a.username < b.username ? -1 : 1));
    const link = makeLink(id, undefined, 'dm', { members }, { username: this.me.username, signingPrivateKey: this.me.identity.signingPrivateKey });
    // What the log would refuse is never sent.
    await verifyGroupLog(id, [link.text]);
    const keys = await Promise.all([mine, them].map(async (user) => ({
      username: user.username,
      encryptedGroupKeyB64: await sealGroupKeyFor(user, groupKey, { groupId: id, generation: 1 }, this.me.identity.signingPrivateKey),
    })));
    const view = await this.api.openDirectMessage({ id, username: name, keys, links: [link.text] });
    if (view.id === id) this.keyRing.remember(id, 1, groupKey);
    const group = await this.directory.refresh(view.id);
    // The server answered with the pair's DM: by its own signed log it must be one, with them, and live.
    if (!group || group.dm?.with !== name || group.dm.ended) {
      throw new ProtocolError(`The server answered a request for a direct message with ${name} with a conversation that, by its signed log, is not a live one between you two; it was not used.`);
    }
    return group;
  }
}
