// Every group key generation this member holds, opened the first time a message or a send
// needs it and then kept in memory for the session. Opening checks the sealer's signature
// with the key the sealer is known by, and only from a sealer who may hand that generation
// out (by the group log, one who held it), so a server cannot hand a member a key of its own.

import type { GroupView } from '../../common/api';
import { openGroupKey, type Identity } from '../../common/crypto';
import { MissingGroupKeyError } from '../errors';

/** Who may have sealed a generation, and with which key their signature is checked. */
export interface SealerCheck {
  /** The sealer's signing key; throws if they may not have sealed `generation` of the group. */
  sealerKey(groupId: string, generation: number, sealer: string): Promise<Uint8Array>;
}

export class GroupKeyRing {
  private readonly opened = new Map<string, Promise<Uint8Array>>();

  constructor(private readonly me: { username: string; identity: Identity }, private readonly sealers: SealerCheck) {}

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
    const sealerKey = await this.sealers.sealerKey(group.id, generation, sealed.sealedBy);
    return openGroupKey(sealed.encryptedGroupKeyB64, { groupId: group.id, generation, username: this.me.username }, this.me.identity, sealerKey);
  }
}
