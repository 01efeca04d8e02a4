// What a verified group log says about a group, after its last link: who is a member, who
// is admin, the current key generation, who was given each generation, and enough about
// every earlier position to check what a message claims about the log it saw.

import type { LinkType, MemberKeys } from './link';

export interface LogMember extends MemberKeys {
  admin: boolean;
  /** The seq of the link that made them a member (create, start or add). */
  since: number;
}

/** One verified change, for the group history view. */
export interface LogEntry {
  seq: number;
  type: LinkType;
  signer: string;
  /** The signer's clock. */
  at: string;
  /** add, remove, promote, demote: who it was about; dm: the other of the two. */
  username?: string;
  /** rotate, start: the generation it began. */
  generation?: number;
  /** rotate: who it was sealed to. */
  sealedTo?: string[];
  /** rename: the new name. */
  name?: string;
  /** topic: the new topic ("" when it was cleared). */
  topic?: string;
}

export interface LogHead {
  seq: number;
  hash: string;
}

export interface GroupLogState {
  groupId: string;
  name: string;
  /** "" when the group has none. */
  topic: string;
  /** How the log began: `create` for a group made with it (or a direct message), `start` for one upgraded later. */
  origin: 'create' | 'start';
  /** `dm`: a two-person conversation (its link 1 is `dm`): no admins, nobody added, only rotate and leave follow. */
  kind: 'group' | 'dm';
  /** A direct message's two people, sorted, as its first link names them (also after one left); [] for a group. */
  pair: string[];
  head: LogHead;
  members: Map<string, LogMember>;
  generation: number;
  /** A removal or leave has not been followed by a rotation yet: nobody may send. */
  pendingRotation: boolean;
  deleted: boolean;
  /** Generation -> everyone it was sealed to (rotation, create, start, or an add that shared it). */
  holders: Map<number, Set<string>>;
  /** Everyone who was ever a member, with the keys the log gave them (to verify old messages). */
  everyone: Map<string, MemberKeys>;
  /** Per username, the seq ranges [from, to) in which they were a member; to is Infinity while they are. */
  spans: Map<string, Array<[number, number]>>;
  /** hashes[seq - 1], generations[seq - 1], pending[seq - 1]: the log as it stood after link seq. */
  hashes: string[];
  generations: number[];
  pending: boolean[];
  entries: LogEntry[];
}

export function cloneState(s: GroupLogState): GroupLogState {
  return {
    ...s,
    head: { ...s.head },
    members: new Map([...s.members].map(([k, v]) => [k, { ...v }])),
    holders: new Map([...s.holders].map(([g, set]) => [g, new Set(set)])),
    everyone: new Map(s.everyone),
    spans: new Map([...s.spans].map(([k, v]) => [k, v.map(([a, b]) => [a, b] as [number, number])])),
    hashes: [...s.hashes],
    generations: [...s.generations],
    pending: [...s.pending],
    entries: [...s.entries],
  };
}

/** Was `username` a member once link `seq` had been applied? */
export function memberAt(state: GroupLogState, username: string, seq: number): boolean {
  return (state.spans.get(username) ?? []).some(([from, to]) => from <= seq && seq < to);
}

/** Was `username` given key generation `generation`, by the log? */
export function holds(state: GroupLogState, username: string, generation: number): boolean {
  return state.holders.get(generation)?.has(username) ?? false;
}

export function admins(state: GroupLogState): string[] {
  return [...state.members.values()].filter((m) => m.admin).map((m) => m.username).sort();
}
