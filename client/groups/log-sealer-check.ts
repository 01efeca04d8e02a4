// Who may have sealed a key generation, for the key ring: by the group log, a member who
// held that generation (checked with the key the log gives them); for a group made before
// the log, anyone, checked with their pinned key. A group whose log failed with no verified
// state to fall back on opens nothing.

import { fromBase64 } from '../../common/crypto';
import { holds } from '../../common/group-log';
import { GroupVerificationError, NotAllowedByLogError } from '../errors';
import type { SealerCheck } from '../keys/group-key-ring';
import type { UserDirectory } from '../trust/user-directory';
import type { GroupDirectory } from './group-directory';
import type { GroupLogKeeper } from './group-log-keeper';

export class LogSealerCheck implements SealerCheck {
  constructor(
    private readonly me: string,
    private readonly logs: GroupLogKeeper,
    private readonly groups: () => GroupDirectory,
    private readonly users: UserDirectory,
  ) {}

  async sealerKey(groupId: string, generation: number, sealer: string): Promise<Uint8Array> {
    const state = this.logs.state(groupId);
    if (!state) {
      const group = this.groups().get(groupId);
      if (group && group.verification.state !== 'unverifiable') {
        throw new GroupVerificationError(group.name, group.verification.reason ?? 'failed', group.verification.problem ?? 'its signed log could not be verified.');
      }
      return (await this.users.verificationKeysOf(sealer)).signingPublicKey;
    }
    if (generation > state.generation) throw new NotAllowedByLogError(`The group log has no key generation ${generation} yet; this key was not handed out by a member.`);
    if (!holds(state, sealer, generation)) throw new NotAllowedByLogError(`By the group log, ${sealer} never held key generation ${generation}, so could not have shared it; do not trust it.`);
    if (!holds(state, this.me, generation)) throw new NotAllowedByLogError(`By the group log, you were never given key generation ${generation}.`);
    const keys = state.everyone.get(sealer);
    if (!keys) throw new NotAllowedByLogError(`By the group log, ${sealer} was never a member.`);
    return fromBase64(keys.signingKey, 'signing key');
  }
}
