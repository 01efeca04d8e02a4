// Client core data -> what the webview shows. Only decrypted text and public facts cross here.
import type { GroupView } from '../common/api';
import { mentions, type ChatMessage } from '../client';
import type { ChatMessageView, GroupDetailView, GroupSummaryView, KeyTrust } from '../common/webview-protocol';


export function toMessageView(m: ChatMessage, me: string): ChatMessageView {
  const ok = m.status === 'ok';
  const body = ok && !m.deleted ? (m.body ?? '') : '';
  const view: ChatMessageView = {
    msgId: m.msgId,
    seq: m.seq,
    sender: m.sender,
    isMine: m.sender === me,
    sentAt: (ok && m.sentAt) || m.createdAt,
    body,
    edited: m.editedAt !== undefined,
    deleted: m.deleted === true,
    integrity: m.status,
    mentionsMe: m.sender !== me && mentions(body, me),
  };
  if (ok && m.snippet && !m.deleted) view.snippet = { ...m.snippet };
  if (ok && m.replyTo) view.replyTo = m.replyTo;
  if (ok && m.reactions && !m.deleted) view.reactions = structuredClone(m.reactions);
  return view;
}

export function toGroupSummary(g: GroupView, unread: number): GroupSummaryView {
  return { id: g.id, name: g.name, unread, isAdmin: g.isAdmin, memberCount: g.members.length, needsRotation: g.needsRotation };
}

export function toGroupDetail(g: GroupView, unread: number, me: string, trustOf: (username: string) => KeyTrust): GroupDetailView {
  return {
    ...toGroupSummary(g, unread),
    members: g.members.map((m) => ({ username: m.username, isAdmin: m.isAdmin, isMe: m.username === me, keyTrust: m.username === me ? 'pinned' : trustOf(m.username) })),
  };
}
