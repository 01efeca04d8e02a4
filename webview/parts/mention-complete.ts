// "@bo" at the caret, at the start or after a space, offers the open group's members whose name
// matches, without regard to case: those whose name starts with it first, then those that only
// contain it. Picking one puts "@bob " in its place, the form client/messages/mentions.ts reads.
import type { MemberView } from '../../common/webview-protocol';
import { triggerBefore, type CompletionSource } from './inline-complete';

/** A long group shows this many; typing more narrows it. */
const MAX_SHOWN = 8;

const TRIGGER = /(?:^|\s)@([\w.-]*)$/;

export function matchMembers(members: readonly MemberView[], query: string): MemberView[] {
  const q = query.toLowerCase();
  const others = members.filter((m) => !m.isMe).sort((a, b) => a.username.localeCompare(b.username));
  const name = (m: MemberView) => m.username.toLowerCase();
  return [...others.filter((m) => name(m).startsWith(q)), ...others.filter((m) => !name(m).startsWith(q) && name(m).includes(q))].slice(0, MAX_SHOWN);
}

/** `members`: the open group's members at the moment of asking. */
export function mentionSource(members: () => readonly MemberView[]): CompletionSource {
  return {
    label: 'Members',
    find: (before) => triggerBefore(TRIGGER, before),
    choices: (query) => matchMembers(members(), query).map((m) => ({ text: m.username, insert: `@${m.username} ` })),
  };
}
