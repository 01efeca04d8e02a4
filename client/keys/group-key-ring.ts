// Every group key generation this member holds, opened the first time a message or a send
// needs it and then kept in memory for the session. Opening checks the sealer's signature
// with the sealer's pinned key, so a server cannot hand a member a key of its own.

import type { GroupView } from '../../common/api';
import { openGroupKey, type Identity } from '../../common/crypto';
import { MissingGroupKeyError } from '../errors';
import type { UserDirectory } from '../trust/user-directory';

export class GroupKeyRing {
  private readonly opened = new Map<string, Promise<Uint8Array>>();

  constructor(private readonly me: { username: string; identity: Identity }, private readonly users: UserDirectory) {}

  keyFor(group: Pick<GroupView, 'id' | 'name' | 'keys'>, generation: number): Promise<Uint8Array> {
    const slot = `${group.id}/${generation}`;
    let key = this.opened.get(slot);
    if (!key) {
      key = this.open(group, generation);
      this.opened.set(slot, key);
      // A failure is not cached: the sealed copy may arrive with the next group fetch.
      key.catch(() => this.opened.delete(slot));
    }
    return key;
  }

  /** A key this client made itself (create, rotate) needs no opening. */
  remember(groupId: string, generation: number, key: Uint8Array): void {
    this.opened.set(`${groupId}/${generation}`, Promise.resolve(key));
  }

  forget(groupId: string): void {
    for (const slot of this.opened.keys()) if (slot.startsWith(`${groupId}/`)) this.opened.delete(slot);
  }

  private async open(group: Pick<GroupView, 'id' | 'name' | 'keys'>, generation: number): Promise<Uint8Array> {
    const sealed = group.keys.find((k) => k.generation === generation);
    if (!sealed) throw new MissingGroupKeyError(group.name, generation);
    const sealer = await this.users.verificationKeysOf(sealed.sealedBy);
    return openGroupKey(
      sealed.encryptedGroupKeyB64,
      { groupId: group.id, generation, username: this.me.username },
      this.me.identity,
      sealer.signingPublicKey,
    );
  }
}
