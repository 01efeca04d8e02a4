// How a 'resolve' change folds into the discussion it marks: any member may resolve or reopen
// a top-level message (the root of its thread), and the latest change in the group's order
// wins. A resolve aimed at a thread reply is ignored (threads do not nest, so a reply is never
// a discussion); one aimed at another group's message never meets its target, since each group
// folds only its own timeline. Pure: called by the Timeline for each verified change.

import type { ChatMessage } from '../messages/chat-message';

/** Applies one verified resolve change (called in seq order, after the state was cleared). */
export function foldResolve(target: ChatMessage, change: ChatMessage): void {
  if (target.threadRoot !== undefined || change.resolved === undefined) return;
  target.discussion = { resolved: change.resolved, by: change.sender, at: change.createdAt };
}
