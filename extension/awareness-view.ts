// The open group's typing line, presence dots and read positions, in the panel's terms.
import type { Group } from '../client';
import type { PresenceClient } from '../client/presence/presence-client';
import { READ_RECEIPTS_MAX_MEMBERS } from '../common/api';
import type { AwarenessView } from '../common/webview-protocol';

export function toAwarenessView(presence: PresenceClient, group: Group, me: string): AwarenessView {
  const others = group.members.map((m) => m.username).filter((u) => u !== me);
  const reads = presence.readsIn(group.id);
  return {
    groupId: group.id,
    typing: presence.typers(group.id).filter((u) => u !== me),
    presence: others.flatMap((username) => {
      const state = presence.presenceOf(username);
      return state === 'offline' ? [] : [{ username, presence: state }];
    }),
    reads: group.members.length > READ_RECEIPTS_MAX_MEMBERS ? [] : others.flatMap((username) => {
      const seq = reads.get(username);
      return seq === undefined ? [] : [{ username, seq }];
    }),
  };
}
