// Which arriving messages notify the user, by the group's level: "All messages" every message
// from someone else, "Mentions only" those that mention the user, "Muted" none. Never the user's
// own, never one read already, never while the user is looking at that group's chat. Messages
// that arrive together (a catch-up after reconnecting) make one notification per group, not one each.
import type { ChatMessageView, NotifyLevel } from '../common/webview-protocol';
import type { ChatService, ChatServiceEvent } from './chat-service';

const PREVIEW_CHARS = 120;

export interface MessageAlert {
  groupId: string;
  /** The newest message it tells of. */
  msgId: string;
  text: string;
}

function levelNotifies(level: NotifyLevel, message: ChatMessageView): boolean {
  // A reply only in its thread is for the thread's participants, whatever the level (but muted).
  if (message.threadRoot && !message.alsoToGroup) return level !== 'muted' && (message.threadNotifiesMe === true || message.mentionsMe);
  return level === 'all' || (level === 'mentions' && (message.mentionsMe || message.threadNotifiesMe === true));
}

function messageText(groupName: string, m: ChatMessageView): string {
  const text = m.body.replace(/\s+/g, ' ').trim();
  const preview = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
  if (m.mentionsMe) return `${m.sender} mentioned you in ${groupName}: ${preview}`;
  if (m.threadNotifiesMe) return `${m.sender} replied in a thread in ${groupName}: ${preview}`;
  if (preview) return `${m.sender} in ${groupName}: ${preview}`;
  if (m.diff) return `${m.sender} shared a diff in ${groupName}: ${m.diff.label}`;
  return m.snippet ? `${m.sender} shared ${m.snippet.path} in ${groupName}` : `${m.sender} sent a message in ${groupName}`;
}

function burstText(groupName: string, messages: readonly ChatMessageView[]): string {
  const mentions = messages.filter((m) => m.mentionsMe).length;
  return `${messages.length} new messages in ${groupName}${mentions ? `, ${mentions} of them mentioning you` : ''}`;
}

export class MessageAlerts {
  private readonly off: () => void;
  /** Per group, what arrived in this turn of the event loop, shown together at its end. */
  private readonly arriving = new Map<string, { groupName: string; messages: ChatMessageView[] }>();

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
    this.arriving.clear();
  }

  private arrived(e: Extract<ChatServiceEvent, { type: 'message' }>): void {
    if (!e.unread || e.message.deleted) return;
    const group = this.session.groups().find((g) => g.id === e.groupId);
    if (!group || !levelNotifies(group.notify, e.message) || this.seeing(e.groupId)) return;
    const waiting = this.arriving.get(e.groupId);
    if (waiting) {
      waiting.messages.push(e.message);
      return;
    }
    this.arriving.set(e.groupId, { groupName: group.name, messages: [e.message] });
    queueMicrotask(() => this.flush(e.groupId));
  }

  private flush(groupId: string): void {
    const batch = this.arriving.get(groupId);
    this.arriving.delete(groupId);
    const last = batch?.messages.at(-1);
    if (!batch || !last) return;
    const text = batch.messages.length === 1 ? messageText(batch.groupName, last) : burstText(batch.groupName, batch.messages);
    this.show({ groupId, msgId: last.msgId, text });
  }
}
