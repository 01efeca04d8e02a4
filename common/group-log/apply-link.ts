// The rules of the group log: what each link may do, given the log before it. Pure and
// synchronous; the signature of each link is checked by the caller (verify-log.ts), against
// the key this function says the signer has.

import { GroupLogError } from './errors';
import { type GroupLogState, type LogEntry, type LogMember } from './group-state';
import { linkHash, type GroupLink, type LinkType, type MemberKeys } from './link';

/** The rule a link breaks, as a sentence a person can act on (shown as is when our own change would break it). */
export class RuleBroken extends GroupLogError {
  constructor(readonly link: GroupLink, readonly rule: string) {
    super('not-allowed', link.seq, `Link ${link.seq} of the group log (${link.type} by ${link.signer}) is not allowed: ${rule}.`);
  }
}

/** What only an admin at the previous link may sign (leave is the leaver's, rotate any member's). */
const ADMIN_ONLY: ReadonlySet<LinkType> = new Set(['add', 'remove', 'promote', 'demote', 'delete', 'rename', 'topic']);

/** All that may follow the first link of a direct message: its two people stay its two people. */
const IN_A_DM: ReadonlySet<LinkType> = new Set(['rotate', 'leave']);

function refuse(link: GroupLink, why: string): never {
  throw new RuleBroken(link, why);
}

function entryOf(link: GroupLink): LogEntry {
  const entry: LogEntry = { seq: link.seq, type: link.type, signer: link.signer, at: link.at };
  switch (link.type) {
    case 'add':
      entry.username = link.body.member.username;
      break;
    case 'remove':
    case 'promote':
    case 'demote':
      entry.username = link.body.username;
      break;
    case 'rotate':
      entry.generation = link.body.generation;
      entry.sealedTo = link.body.sealedTo;
      break;
    case 'start':
      entry.generation = link.body.generation;
      break;
    case 'rename':
      entry.name = link.body.name;
      break;
    case 'topic':
      entry.topic = link.body.topic;
      break;
    case 'dm':
      // The other of the two, for the history ("alice opened a direct message with bob").
      entry.username = link.body.members.find((m) => m.username !== link.signer)?.username ?? link.signer;
      break;
    case 'create':
    case 'leave':
    case 'delete':
      break;
  }
  return entry;
}

function addMember(s: GroupLogState, keys: MemberKeys, admin: boolean, seq: number): void {
  const member: LogMember = { username: keys.username, encryptionKey: keys.encryptionKey, signingKey: keys.signingKey, admin, since: seq };
  s.members.set(keys.username, member);
  s.everyone.set(keys.username, { username: keys.username, encryptionKey: keys.encryptionKey, signingKey: keys.signingKey });
  const spans = s.spans.get(keys.username) ?? [];
  spans.push([seq, Infinity]);
  s.spans.set(keys.username, spans);
}

function dropMember(s: GroupLogState, username: string, seq: number): void {
  s.members.delete(username);
  const spans = s.spans.get(username);
  const open = spans?.[spans.length - 1];
  if (open) open[1] = seq;
}

function adminCount(s: GroupLogState): number {
  let n = 0;
  for (const m of s.members.values()) if (m.admin) n++;
  return n;
}

function firstLink(link: GroupLink, groupId: string): { state: GroupLogState; signingKey: string } {
  if (link.groupId !== groupId) throw new GroupLogError('wrong-group', link.seq, `Link 1 of the group log belongs to another group (${link.groupId}).`);
  const state: GroupLogState = {
    groupId,
    name: '',
    topic: '',
    origin: 'create',
    kind: 'group',
    pair: [],
    head: { seq: 0, hash: '' },
    members: new Map(),
    generation: 1,
    pendingRotation: false,
    deleted: false,
    holders: new Map(),
    everyone: new Map(),
    spans: new Map(),
    hashes: [],
    generations: [],
    pending: [],
    entries: [],
  };
  if (link.type === 'create') {
    if (link.body.member.username !== link.signer) refuse(link, 'the creator must be the signer');
    state.name = link.body.name;
    addMember(state, link.body.member, true, 1);
    state.holders.set(1, new Set([link.signer]));
    return { state, signingKey: link.body.member.signingKey };
  }
  if (link.type === 'start') {
    state.origin = 'start';
    state.name = link.body.name;
    state.generation = link.body.generation;
    for (const m of link.body.members) addMember(state, m, m.admin, 1);
    const signer = state.members.get(link.signer);
    if (!signer?.admin) refuse(link, 'the log of an existing group is started by one of its admins');
    state.holders.set(link.body.generation, new Set(link.body.members.map((m) => m.username)));
    return { state, signingKey: signer.signingKey };
  }
  if (link.type === 'dm') {
    // Both hold generation 1 from the start (the creator seals it to both); neither is admin.
    const names = link.body.members.map((m) => m.username);
    if (!names.includes(link.signer)) refuse(link, 'a direct message is made by one of its two members');
    state.kind = 'dm';
    state.pair = names;
    for (const m of link.body.members) addMember(state, m, false, 1);
    state.holders.set(1, new Set(names));
    return { state, signingKey: (state.members.get(link.signer) as LogMember).signingKey };
  }
  return refuse(link, 'a group log begins with create, start or dm');
}

/**
 * Applies one link to `working` (undefined for link 1 of group `groupId`), in place, and
 * returns the state with the key the link's signature must verify under. Throws
 * GroupLogError; `working` is then half changed, so callers apply links to a copy
 * (cloneState) and keep it only when every link and signature checked out.
 */
export function applyLink(working: GroupLogState | undefined, link: GroupLink, text: string, groupId: string): { state: GroupLogState; signingKey: string } {
  const before = working;
  const headSeq = before?.head.seq ?? 0;
  if (link.seq !== headSeq + 1) throw new GroupLogError('bad-seq', link.seq, `The group log jumps from link ${headSeq} to link ${link.seq}: links are missing or out of order.`);
  let result: { state: GroupLogState; signingKey: string };
  if (!before) {
    result = firstLink(link, groupId);
  } else {
    if (link.groupId !== before.groupId) throw new GroupLogError('wrong-group', link.seq, `Link ${link.seq} of the group log belongs to another group (${link.groupId}).`);
    if (link.prev !== before.head.hash) throw new GroupLogError('bad-prev', link.seq, `Link ${link.seq} of the group log does not follow link ${headSeq}: its previous hash differs.`);
    result = nextLink(before, link);
  }
  const s = result.state;
  const hash = linkHash(text);
  s.head = { seq: link.seq, hash };
  s.hashes.push(hash);
  s.generations.push(s.generation);
  s.pending.push(s.pendingRotation);
  s.entries.push(entryOf(link));
  return result;
}

function nextLink(before: GroupLogState, link: GroupLink): { state: GroupLogState; signingKey: string } {
  if (before.deleted) refuse(link, 'the group was deleted');
  const signer = before.members.get(link.signer);
  if (!signer) refuse(link, `${link.signer} is not a member`);
  if (before.kind === 'dm') {
    if (!IN_A_DM.has(link.type)) refuse(link, `a direct message stays between its two people, with no admin: no ${link.type} may follow its first link (either of them may leave)`);
    if (before.members.size < 2 && link.type !== 'leave') refuse(link, 'the direct message ended when one of its two people left: only the other may leave it too');
  }
  if (before.pendingRotation && !['rotate', 'remove', 'leave', 'delete'].includes(link.type)) {
    refuse(link, 'a removal or leave must be followed by a key rotation first');
  }
  if (ADMIN_ONLY.has(link.type) && !signer.admin) refuse(link, `only an admin of this group can do that, and ${link.signer} is not one`);
  const s = before;
  const seq = link.seq;
  switch (link.type) {
    case 'create':
    case 'start':
    case 'dm':
      return refuse(link, 'only link 1 may begin a group');
    case 'add': {
      const { member, generations } = link.body;
      if (s.members.has(member.username)) refuse(link, `${member.username} is already a member`);
      if (!generations.includes(s.generation)) refuse(link, `it must seal the current generation ${s.generation}`);
      for (const g of generations) {
        if (g > s.generation) refuse(link, `generation ${g} does not exist yet`);
        if (!s.holders.get(g)?.has(link.signer)) refuse(link, `${link.signer} never held generation ${g}`);
      }
      addMember(s, member, false, seq);
      for (const g of generations) s.holders.get(g)?.add(member.username);
      break;
    }
    case 'remove': {
      const target = s.members.get(link.body.username);
      if (!target) refuse(link, `${link.body.username} is not a member`);
      if (target.username === link.signer) refuse(link, 'a member removes themselves by leaving');
      dropMember(s, target.username, seq);
      if (adminCount(s) === 0) refuse(link, 'a group keeps at least one admin; make another member admin first');
      s.pendingRotation = true;
      break;
    }
    case 'leave': {
      dropMember(s, link.signer, seq);
      // A direct message has no admin to keep; once one leaves it has ended (the other may still read it).
      if (s.kind === 'group' && s.members.size > 0 && adminCount(s) === 0) refuse(link, 'a group keeps at least one admin; make another member admin before you leave');
      if (s.members.size === 0) s.deleted = true;
      else s.pendingRotation = true;
      break;
    }
    case 'promote': {
      const target = s.members.get(link.body.username);
      if (!target) refuse(link, `${link.body.username} is not a member`);
      if (target.admin) refuse(link, `${target.username} is already an admin`);
      target.admin = true;
      break;
    }
    case 'demote': {
      const target = s.members.get(link.body.username);
      if (!target) refuse(link, `${link.body.username} is not a member`);
      if (!target.admin) refuse(link, `${target.username} is not an admin`);
      target.admin = false;
      if (adminCount(s) === 0) refuse(link, 'a group keeps at least one admin; make another member admin first');
      break;
    }
    case 'rotate': {
      const { generation, sealedTo } = link.body;
      if (generation !== s.generation + 1) refuse(link, `the next generation is ${s.generation + 1}, not ${generation}`);
      const members = [...s.members.keys()].sort();
      if (members.length !== sealedTo.length || members.some((u, i) => u !== sealedTo[i])) {
        refuse(link, 'it must be sealed to exactly the members');
      }
      s.generation = generation;
      s.holders.set(generation, new Set(sealedTo));
      s.pendingRotation = false;
      break;
    }
    case 'delete':
      s.deleted = true;
      break;
    case 'rename':
      if (link.body.name === s.name) refuse(link, `the group is named "${s.name}" already`);
      s.name = link.body.name;
      break;
    case 'topic':
      if (link.body.topic === s.topic) refuse(link, link.body.topic ? 'the topic is that already' : 'the group has no topic to clear');
      s.topic = link.body.topic;
      break;
  }
  return { state: s, signingKey: signer.signingKey };
}
