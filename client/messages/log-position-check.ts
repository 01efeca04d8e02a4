// Holds each verified message to what it says about the group log (common/group-log
// message-position.ts). A message naming a head beyond ours first has the log fetched again
// (we may just be behind); one that still does not fit is marked, and a split view is
// raised for the whole group.

import { checkMessagePosition } from '../../common/group-log';
import type { GroupLogKeeper } from '../groups/group-log-keeper';
import type { ChatMessage } from './chat-message';

function mismatch(message: ChatMessage, problem: string): ChatMessage {
  const { body: _body, snippet: _snippet, replyTo: _replyTo, kind: _kind, target: _target, ...rest } = message;
  return { ...rest, status: 'log-mismatch', problem };
}

export class LogPositionCheck {
  constructor(
    private readonly logs: GroupLogKeeper,
    private readonly refreshGroup: (groupId: string) => Promise<unknown>,
    private readonly isUnverifiable: (groupId: string) => boolean,
  ) {}

  async apply(groupId: string, messages: ChatMessage[]): Promise<ChatMessage[]> {
    let state = this.logs.state(groupId);
    if (!state) {
      // Shown as made before the log, yet its messages were sent against one.
      if (messages.some((m) => m.status === 'ok' && m.log !== undefined) && this.isUnverifiable(groupId)) {
        this.logs.markStripped(groupId);
        await this.refreshGroup(groupId);
        return messages.map((m) => (m.status === 'ok' && m.log ? mismatch(m, 'This message was sent in a group with a signed log that the server now hides.') : m));
      }
      return messages;
    }
    const head = state.head.seq;
    if (messages.some((m) => m.status === 'ok' && m.log !== undefined && m.log.seq > head)) {
      await this.refreshGroup(groupId);
      state = this.logs.state(groupId) ?? state;
    }
    let forked: string | undefined;
    const checked = messages.map((m) => {
      if (m.status !== 'ok') return m;
      const problem = checkMessagePosition(state, { sender: m.sender, generation: m.generation, log: m.log });
      if (!problem) return m;
      if (problem.problem === 'fork') forked ??= problem.message;
      return mismatch(m, problem.message);
    });
    if (forked) {
      this.logs.markFork(groupId, forked);
      await this.refreshGroup(groupId);
    }
    return checked;
  }
}
