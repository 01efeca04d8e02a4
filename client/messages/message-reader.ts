// Turns stored messages into what a reader sees: decrypted and verified with the keys the
// group log gives (or, for a group without one, the pinned keys), then held to the log
// positions they name. Used by live sync and by history alike, so both mark the same way.

import type { MessageView } from '../../common/api';
import { fromBase64, type PublicIdentity } from '../../common/crypto';
import type { GroupDirectory } from '../groups/group-directory';
import type { GroupLogKeeper } from '../groups/group-log-keeper';
import type { GroupKeyRing } from '../keys/group-key-ring';
import type { UserDirectory } from '../trust/user-directory';
import type { ChatMessage } from './chat-message';
import { LogPositionCheck } from './log-position-check';
import { decodeMessages } from './message-decoder';

export class MessageReader {
  private readonly positions: LogPositionCheck;

  constructor(
    private readonly groups: GroupDirectory,
    private readonly logs: GroupLogKeeper,
    private readonly keyRing: GroupKeyRing,
    private readonly users: UserDirectory,
  ) {
    this.positions = new LogPositionCheck(logs, (id) => groups.refresh(id), (id) => groups.get(id)?.verification.state === 'unverifiable');
  }

  async read(groupId: string, views: MessageView[]): Promise<ChatMessage[]> {
    let group = this.groups.get(groupId);
    // A message under a generation we have no copy of yet: the rotation event may still be on its way.
    if (group && views.some((view) => view.generation > group!.generation)) group = (await this.groups.refresh(groupId)) ?? group;
    const known = group ?? { id: groupId, name: groupId, keys: [] };
    const decoded = await decodeMessages(groupId, views, {
      groupKey: (generation) => this.keyRing.keyFor(known, generation),
      senderKeys: (username) => this.senderKeys(groupId, username),
    });
    return this.positions.apply(groupId, decoded);
  }

  /** With a log, only someone the log ever made a member can have signed a message. */
  private async senderKeys(groupId: string, username: string): Promise<PublicIdentity> {
    const state = this.logs.state(groupId);
    if (!state) return this.users.verificationKeysOf(username);
    const keys = state.everyone.get(username);
    if (!keys) throw new Error(`By the group log, ${username} was never a member of this group.`);
    return { encryptionPublicKey: fromBase64(keys.encryptionKey, 'encryption key'), signingPublicKey: fromBase64(keys.signingKey, 'signing key') };
  }
}
