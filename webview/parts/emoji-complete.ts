// ":thu" at the caret, at the start or after a space, with two letters or more (so "10:30" and
// ":)" stay as typed), offers the emoji whose name or keywords match, recently used first.
// Picking one puts the emoji in place of ":thu".
import { searchEmoji } from '../render/emoji-index';
import { triggerBefore, type CompletionSource } from './inline-complete';
import type { RecentEmoji } from './recent-emoji';

const MAX_SHOWN = 8;

const TRIGGER = /(?:^|\s):([\w+-]{2,})$/;

export function emojiSource(recent: RecentEmoji): CompletionSource {
  return {
    label: 'Emoji',
    find: (before) => triggerBefore(TRIGGER, before),
    choices: (query) =>
      searchEmoji(query, recent.all)
        .slice(0, MAX_SHOWN)
        .map((e) => ({ text: e.emoji, hint: e.name, label: e.name, insert: e.emoji, chosen: () => recent.use(e.emoji) })),
  };
}
