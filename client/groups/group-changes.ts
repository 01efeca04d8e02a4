// Changes to groups as the client makes them: each on the freshest group this client knows,
// retried once when the group changed under it (a conflict), and followed by a refresh so
// that the group shown is the one the verified log now says.

import type { GroupLogKeeper } from './group-log-keeper';
import type { GroupDirectory, GroupRef } from './group-directory';
import { isStaleGroupError, type GroupOperations } from './group-operations';
import type { LogEntry } from '../../common/group-log';
import type { Group, GroupVerification } from './verified-group';

/** A group's verified history, for the history view and `teamchat log`. */
export interface GroupHistory {
  verification: GroupVerification;
  entries: LogEntry[];
}

export class GroupChanges {
  constructor(private readonly operations: GroupOperations, private readonly directory: GroupDirectory, private readonly logs: GroupLogKeeper) {}

  async create(name: string, options: { allowSameName: boolean }): Promise<Group> {
    const view = await this.operations.create(name, options);
    return (await this.directory.refresh(view.id)) ?? { ...view, verification: { state: 'verified' } };
  }

  /** Runs `work` on the group; a conflict ("it changed under you") refetches and retries once. */
  async run<T>(ref: GroupRef, work: (group: Group) => Promise<T>): Promise<T> {
    const group = await this.directory.find(ref);
    let result: T;
    try {
      result = await work(group);
    } catch (error) {
      if (!isStaleGroupError(error)) throw error;
      const fresh = await this.directory.refresh(group.id);
      if (!fresh) throw error;
      result = await work(fresh);
    }
    await this.directory.refresh(group.id);
    return result;
  }

  /** Leaving or deleting: the group is gone for this user. */
  async end(ref: GroupRef, how: 'leave' | 'delete'): Promise<void> {
    const group = await this.directory.find(ref);
    await (how === 'leave' ? this.operations.leave(group) : this.operations.delete(group));
    this.directory.forget(group.id);
  }

  /** The group's verified changes, from a fresh look at its log. */
  async history(ref: GroupRef): Promise<GroupHistory> {
    const known = await this.directory.find(ref);
    const group = (await this.directory.refresh(known.id)) ?? known;
    return { verification: group.verification, entries: [...(this.logs.state(group.id)?.entries ?? [])] };
  }

  /** The log says a removal or leave is unrotated: rotate before sending. */
  async rotateBeforeSending(group: Group): Promise<Group> {
    try {
      await this.operations.rotate(group);
    } catch (error) {
      // Another member rotated first: their generation is as good as ours.
      if (!isStaleGroupError(error)) throw error;
    }
    return (await this.directory.refresh(group.id)) ?? group;
  }
}
