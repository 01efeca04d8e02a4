// Threads as the panel sees them: a message's view with its thread's summary line (on a root)
// or whether it is for this user (a reply in a thread they are in), and a thread's page.
import type { ChatMessage, TeamChatClient } from '../client';
import type { ChatMessageView, ThreadPageView } from '../common/webview-protocol';
import { toMessageView } from './message-views';

export class ThreadViews {
  constructor(private readonly client: TeamChatClient) {}

  view(m: ChatMessage): ChatMessageView {
    const view = toMessageView(m, this.client.username);
    if (m.status !== 'ok') return view;
    if (m.threadRoot === undefined) {
      const summary = this.client.threads.summary(m.groupId, m.msgId);
      if (summary) view.thread = { ...summary, lastRepliers: [...summary.lastRepliers] };
    } else if (this.client.threads.notifies(m)) {
      view.threadNotifiesMe = true;
    }
    return view;
  }

  /** For a thread reply: its root, held in the group timeline, with the summary it now has. */
  rootView(m: ChatMessage): ChatMessageView | undefined {
    return m.status === 'ok' && m.threadRoot ? this.rootOf(m.groupId, m.threadRoot) : undefined;
  }

  async open(groupId: string, msgId: string): Promise<ThreadPageView> {
    const page = await this.client.threads.open(groupId, msgId);
    return { root: this.view(page.root), replies: page.replies.map((m) => this.view(m)), hasMore: page.hasMore, dropped: page.dropped };
  }

  /** Answers the root's new view (its unread count is 0 now), if it is held. */
  markRead(groupId: string, root: string): ChatMessageView | undefined {
    this.client.threads.markRead(groupId, root);
    return this.rootOf(groupId, root);
  }

  private rootOf(groupId: string, root: string): ChatMessageView | undefined {
    const held = this.client.messages(groupId).find((x) => x.msgId === root);
    return held ? this.view(held) : undefined;
  }
}
