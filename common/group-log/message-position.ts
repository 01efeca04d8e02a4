// What a message says about the group log its sender saw (the `log` field of the envelope,
// inside the signature), checked against the log this reader verified. A member shown
// another history by the server names a head we do not have: the split shows as soon as
// two members talk (the Keybase/CONIKS idea).

import { memberAt, type GroupLogState, type LogHead } from './group-state';

export type PositionProblem =
  /** The sender saw a link this reader's log has with another hash, or one it does not have. */
  | 'fork'
  /** By the log, the sender was not a member at the position the message names. */
  | 'not-a-member'
  /** The message is not under the generation the log had at that position. */
  | 'wrong-generation'
  /** The sender sent while a removal was not yet followed by a rotation. */
  | 'unrotated'
  /** A message in a group with a log that names no position in it. */
  | 'unbound';

export interface PositionCheck {
  problem: PositionProblem;
  message: string;
}

export function checkMessagePosition(
  state: GroupLogState,
  message: { sender: string; generation: number; log?: LogHead | undefined },
): PositionCheck | undefined {
  const position = message.log;
  if (!position) {
    // A group upgraded to a log keeps its older messages; they name no position.
    if (state.origin === 'start' && message.generation <= (state.generations[0] ?? 0)) return undefined;
    return { problem: 'unbound', message: `This message names no position in the group log, which every message in this group must; ${message.sender}'s client may be out of date or the message was forged.` };
  }
  if (position.seq > state.head.seq || state.hashes[position.seq - 1] !== position.hash) {
    return {
      problem: 'fork',
      message: `${message.sender} saw a group history that differs from yours (at link ${position.seq}): the server may be showing members different groups. Compare the group history with ${message.sender}.`,
    };
  }
  if (!memberAt(state, message.sender, position.seq)) {
    return { problem: 'not-a-member', message: `By the group log, ${message.sender} was not a member when this was sent.` };
  }
  if (state.generations[position.seq - 1] !== message.generation) {
    return { problem: 'wrong-generation', message: `This message is under key generation ${message.generation}, not the one the group log had then; do not trust it.` };
  }
  if (state.pending[position.seq - 1]) {
    return { problem: 'unrotated', message: 'This message was sent after a member left and before the key was rotated; whoever left may read it.' };
  }
  return undefined;
}
