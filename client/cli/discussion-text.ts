// The line `teamchat read` prints under a discussion someone resolved or reopened.

import type { ChatMessage } from '../messages/chat-message';
import { terminalLine } from './terminal-text';

/** "  ✓ resolved by bob · 2026-12-01 20:15", or "  ○ reopened by carol · ...", or nothing. */
export function discussionLine(message: ChatMessage): string[] {
  const state = message.discussion;
  if (!state) return [];
  const when = state.at.replace('T', ' ').replace(/:\d{2}(\.\d+)?Z$/, '');
  return [`  ${state.resolved ? '✓ resolved' : '○ reopened'} by ${terminalLine(state.by)} · ${when}`];
}
