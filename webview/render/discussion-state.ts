// A discussion's state on its root, in the chat and in the thread: "✓ Resolved by bob · 5 min
// ago" or "Reopened by carol · just now" (docs/code-aware-chat.md). Names go in as text.
import type { DiscussionView } from '../../common/webview-protocol';
import { h } from '../dom';
import { timeAgo } from './thread-summary';

export function discussionStateText(state: DiscussionView, now = Date.now()): string {
  return [`${state.resolved ? '✓ Resolved' : 'Reopened'} by ${state.by}`, timeAgo(state.at, now)].filter(Boolean).join(' · ');
}

export function renderDiscussionState(doc: Document, state: DiscussionView): HTMLElement {
  return h(doc, 'p', { className: `discussion-state ${state.resolved ? 'resolved' : 'reopened'}`, text: discussionStateText(state), attrs: { role: 'note' } });
}

/** The thread panel's Resolve / Reopen button for a root that is a discussion (a snippet, or one already marked). */
export function renderResolveButton(doc: Document, resolved: boolean, toggle: () => void): HTMLElement {
  const button = h(doc, 'button', {
    className: 'resolve-discussion',
    text: resolved ? 'Reopen' : 'Resolve',
    attrs: { type: 'button', title: resolved ? 'Reopen this discussion for everyone in the group' : 'Mark this discussion resolved for everyone in the group' },
  });
  button.addEventListener('click', toggle);
  return button;
}
