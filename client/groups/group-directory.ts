// The groups this user is in, as this client acts on them: each server view checked
// against its signed log (GroupLogKeeper), found by id or name, dropped when the server says
// the user is out.

import type { GroupView } from '../../common/api';
import type { ApiClient } from '../api/api-client';
import { AmbiguousGroupError, GroupNotFoundError, isServerError } from '../errors';
import type { GroupLogKeeper } from './group-log-keeper';
import type { Group } from './verified-group';

/** A group named by the user: its id, its name, `@username` for the direct message with them, or the group itself. */
export type GroupRef = string | Group;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface DirectoryHooks {
  /** A group was seen for the first time (live delivery starts at its lastSeq). */
  added(group: Group): void;
  /** The user is no longer in the group, or it is gone. */
  dropped(groupId: string): void;
  changed(groups: Group[]): void;
}

export class GroupDirectory {
  private readonly byId = new Map<string, Group>();
  private loaded = false;

  constructor(private readonly api: ApiClient, private readonly logs: GroupLogKeeper, private readonly hooks: DirectoryHooks) {}

  get isLoaded(): boolean {
    return this.loaded;
  }

  list(): Group[] {
    return [...this.byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  get(id: string): Group | undefined {
    return this.byId.get(id);
  }

  /** The direct messages among list(), by the other person's name. */
  directMessages(): Group[] {
    return this.list().filter((g) => g.dm);
  }

  /** The direct message with `username` (by the verified log): the live one, else the latest that ended. */
  directMessageWith(username: string): Group | undefined {
    const withThem = this.list().filter((g) => g.dm?.with === username).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return withThem.find((g) => !g.dm?.ended) ?? withThem[0];
  }

  async refreshAll(): Promise<Group[]> {
    const views = await this.api.groups();
    const checked = await Promise.all(views.map((view) => this.logs.check(view)));
    const seen = new Set<string>();
    for (const group of checked) {
      seen.add(group.id);
      this.store(group);
    }
    for (const id of [...this.byId.keys()]) if (!seen.has(id)) this.drop(id);
    this.loaded = true;
    this.hooks.changed(this.list());
    return this.list();
  }

  async refresh(id: string): Promise<Group | undefined> {
    let view: GroupView;
    try {
      view = await this.api.group(id);
    } catch (error) {
      if (!isServerError(error) || error.status !== 404) throw error;
      this.drop(id);
      this.hooks.changed(this.list());
      return undefined;
    }
    const group = await this.logs.check(view);
    this.store(group);
    this.hooks.changed(this.list());
    return group;
  }

  /** Finds a group by id or by name among the groups this user is in. */
  async find(ref: GroupRef): Promise<Group> {
    // A group object held by the caller may be older than what this client knows now.
    if (typeof ref !== 'string') return this.byId.get(ref.id) ?? ref;
    if (!this.loaded) await this.refreshAll();
    let found = this.lookup(ref);
    if (!found) {
      await this.refreshAll();
      found = this.lookup(ref);
    }
    if (!found) throw new GroupNotFoundError(ref);
    return found;
  }

  /** The user left or was removed, or the group was deleted. */
  forget(id: string): void {
    this.drop(id);
    this.hooks.changed(this.list());
  }

  private lookup(ref: string): Group | undefined {
    if (UUID.test(ref)) return this.byId.get(ref);
    if (ref.startsWith('@')) return this.directMessageWith(ref.slice(1));
    // A direct message is named by a person, not by a group name: "@bob", never "bob".
    const named = [...this.byId.values()].filter((g) => g.name === ref && !g.dm);
    if (named.length > 1) throw new AmbiguousGroupError(ref, named.map((g) => g.id));
    return named[0];
  }

  private store(group: Group): void {
    const isNew = !this.byId.has(group.id);
    this.byId.set(group.id, group);
    if (isNew) this.hooks.added(group);
  }

  private drop(id: string): void {
    if (!this.byId.delete(id)) return;
    this.logs.forget(id);
    this.hooks.dropped(id);
  }
}
