// A group as this client shows and acts on it. For a group with a signed log, its name, topic,
// members, admins, generation and "needs rotation" come from the verified log, never from the server's
// plain view; the server's view is only cross-checked against it.

import type { GroupView, MemberView } from '../../common/api';
import { admins, type GroupLogProblem, type GroupLogState, type LogHead } from '../../common/group-log';

/**
 * - verified: the log checks out and the server's view agrees with it.
 * - disputed: the log checks out but the server's view differs (another name, topic, member
 *   list, admin flag or generation); nothing is sealed until they agree.
 * - failed: the log does not check out (forged, reordered, rolled back, forked); the group
 *   goes on from the last log this client verified, if any, and nothing new is sealed.
 * - unverifiable: a group made before the log; an admin can start its log.
 */
export type VerificationState = 'verified' | 'disputed' | 'failed' | 'unverifiable';

export type VerificationReason = GroupLogProblem | 'server-disagrees' | 'keys-differ';

export interface GroupVerification {
  state: VerificationState;
  reason?: VerificationReason;
  /** What was wrong and what to do, in one sentence or two. */
  problem?: string;
  /** The head of the log the group's facts come from. */
  head?: LogHead;
  /**
   * Failed, yet safe to seal to the verified log's members: a message named a head our log
   * does not have (a fork, or a member lying about what he saw), while our own log checks out.
   */
  sealable?: boolean;
}

/** A direct message as its signed log says: with whom, and whether one of the two left (it has ended). */
export interface DirectMessageInfo {
  /** The other person. */
  with: string;
  ended: boolean;
}

export interface Group extends GroupView {
  verification: GroupVerification;
  /** Present for a direct message (by its verified log only); its `name` is then the other person's username. */
  dm?: DirectMessageInfo;
}

/** A DM's other person, by the log: the one of its two who is not me. */
function otherOf(state: GroupLogState, me: string): string {
  return state.pair.find((u) => u !== me) ?? state.pair[0] ?? '';
}

/** Where the server's view and the verified log differ, one sentence each. */
export function disagreements(view: GroupView, state: GroupLogState, me: string): string[] {
  const found: string[] = [];
  const served = view.kind ?? 'group';
  if (served !== state.kind) {
    found.push(state.kind === 'dm' ? 'the server shows a direct message as a group' : 'the server shows a group as a direct message');
  }
  if (view.name !== state.name) found.push(`the server names the group "${view.name}", its signed log "${state.name}"`);
  if (view.topic !== state.topic) found.push(`the server gives the group another topic than its signed log`);
  const logMembers = [...state.members.keys()].sort();
  const listed = view.members.map((m) => m.username).sort();
  const extra = listed.filter((u) => !state.members.has(u));
  const missing = logMembers.filter((u) => !listed.includes(u));
  if (extra.length) found.push(`the server lists ${extra.join(', ')} as member(s), but the group log does not`);
  if (missing.length) found.push(`the group log has ${missing.join(', ')} as member(s), but the server does not list them`);
  const logAdmins = admins(state);
  const servedAdmins = view.members.filter((m) => m.isAdmin).map((m) => m.username).sort();
  if (logAdmins.join(',') !== servedAdmins.join(',') || view.isAdmin !== (state.members.get(me)?.admin ?? false)) {
    found.push(`the server shows admins ${servedAdmins.join(', ') || 'none'}, the group log ${logAdmins.join(', ')}`);
  }
  if (view.generation !== state.generation) found.push(`the server is at key generation ${view.generation}, the group log at ${state.generation}`);
  if (view.needsRotation !== state.pendingRotation) found.push(`the server says the key ${view.needsRotation ? 'needs' : 'does not need'} rotating, the group log the opposite`);
  return found;
}

/** The view with every fact the log decides taken from the log. */
export function fromLog(view: GroupView, state: GroupLogState, me: string, verification: GroupVerification): Group {
  const joined = new Map(view.members.map((m) => [m.username, m.joinedAt]));
  // The server's claim about accounts: it prompts an admin to remove a member, it decides nothing.
  const status = new Map(view.members.flatMap((m) => (m.accountStatus ? [[m.username, m.accountStatus] as const] : [])));
  const reads = new Map(view.members.flatMap((m) => (m.readSeq !== undefined ? [[m.username, m.readSeq] as const] : [])));
  const sinceAt = new Map(state.entries.map((e) => [e.seq, e.at]));
  const members: MemberView[] = [...state.members.values()]
    .map((m): MemberView => {
      const accountStatus = status.get(m.username);
      const readSeq = reads.get(m.username);
      return {
        username: m.username, isAdmin: m.admin, joinedAt: joined.get(m.username) ?? sinceAt.get(m.since) ?? view.createdAt,
        ...(accountStatus ? { accountStatus } : {}),
        ...(readSeq !== undefined ? { readSeq } : {}),
      };
    })
    .sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.username.localeCompare(b.username));
  const first = state.entries[0];
  return {
    ...view,
    // The name, topic and creator are the log's: the server cannot rename a group or credit another.
    // A direct message is named by the other person, as its log names them.
    name: state.kind === 'dm' ? otherOf(state, me) : state.name,
    kind: state.kind,
    ...(state.kind === 'dm' ? { dm: { with: otherOf(state, me), ended: state.members.size < 2 } } : {}),
    topic: state.topic,
    ...(first?.type === 'create' || first?.type === 'dm' ? { createdBy: first.signer } : {}),
    members,
    isAdmin: state.members.get(me)?.admin ?? false,
    generation: state.generation,
    needsRotation: state.pendingRotation,
    verification,
  };
}
