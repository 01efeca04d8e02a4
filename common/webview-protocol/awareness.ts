// Who is around in the open group, as the host tells the panel (docs/presence.md). Every
// name is member text: the panel puts it in with textContent. Every field is the server's word.

export interface AwarenessView {
  groupId: string;
  /** Others typing now, in the order they started. */
  typing: string[];
  /** Members online or away; a member not listed is offline, or does not share it. */
  presence: { username: string; presence: 'online' | 'away' }[];
  /** Others' read positions as the server claims them; empty with read receipts off or in a large group. */
  reads: { username: string; seq: number }[];
}
