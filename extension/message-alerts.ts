// Which arriving messages notify the user, by the group's level: "All messages" every message
// from someone else, "Mentions only" those that mention the user, "Muted" none. Never the user's
// own, never one read already, never while the user is looking at that group's chat.
import type { ChatMessageView, NotifyLevel } from '../common/webview-protocol';
import type { ChatService, ChatServiceEvent } from './chat-service';

const PREVIEW_CHARS = 120;

export interface MessageAlert {
  groupId: string;
  msgId: string;
  text: string;
}

export function levelNotifies(level: NotifyLevel, message: ChatMessageView): boolean {
  return level === 'all' || (level === 'mentions' && message.mentionsMe);
}

export function alertText(groupName: string, m: ChatMessageView): string {
  const text = m.body.replace(/\s+/g, ' ').trim();
  const preview = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
  if (m.mentionsMe) return `${m.sender} mentioned you in ${groupName}: ${preview}`;
  if (preview) return `${m.sender} in ${groupName}: ${preview}`;
  return m.snippet ? `${m.sender} shared ${m.snippet.path} in ${groupName}` : `${m.sender} sent a message in ${groupName}`;
}

export class MessageAlerts {
  private readonly off: () => void;

  constructor(
    private readonly session: ChatService,
    /** The user can see this group's chat now (the panel shows it and the window has focus). */
    private readonly seeing: (groupId: string) => boolean,
    private readonly show: (alert: MessageAlert) => void,
  ) {
    this.off = session.onEvent((e) => {
      if (e.type === 'message') this.arrived(e);
    });
  }

  dispose(): void {
    this.off();
  }

  private arrived(e: Extract<ChatServiceEvent, { type: 'message' }>): void {
    if (!e.unread || e.message.deleted) return;
    const group = this.session.groups().find((g) => g.id === e.groupId);
    if (!group || !levelNotifies(group.notify, e.message) || this.seeing(e.groupId)) return;
    this.show({ groupId: e.groupId, msgId: e.message.msgId, text: alertText(group.name, e.message) });
  }
}
