// Client core data -> what the webview shows. Only decrypted text and public facts cross here.
import { mentions, type ChatMessage, type Group, type GroupHistory, type GroupVerification } from '../client';
import { toFileView } from './files/file-views';
import { toDiffView } from './diffs/diff-views';
import type { ChatMessageView, GroupDetailView, GroupHistoryView, GroupSummaryView, GroupVerificationView, KeyTrust, NotifyLevel } from '../common/webview-protocol';

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
  if (ok && m.snippet && !m.deleted) view.snippet = structuredClone(m.snippet);
  if (ok && m.replyTo) view.replyTo = m.replyTo;
  if (ok && m.reactions && !m.deleted) view.reactions = structuredClone(m.reactions);
  if (ok && m.diff && !m.deleted) view.diff = toDiffView(m.diff, m.file);
  else if (ok && m.file && !m.deleted) view.file = toFileView(m.file);
  if (ok && m.threadRoot) view.threadRoot = m.threadRoot;
  if (ok && m.discussion) view.discussion = { ...m.discussion };
  if (ok && m.alsoToGroup) view.alsoToGroup = true;
  return view;
}

/** `unread` and `notify` are this device's: the host's unread count and the user's notification choice. */
export function toGroupSummary(g: Group, unread: number, notify: NotifyLevel): GroupSummaryView {
  return { id: g.id, name: g.name, unread, notify, isAdmin: g.isAdmin, memberCount: g.members.length, needsRotation: g.needsRotation, verification: toVerificationView(g.verification), ...(g.dm ? { dm: { ...g.dm } } : {}) };
}

/** `trust`: each member's key trust as the client core keeps it, looked up beforehand (it is async). */
export function toGroupDetail(summary: GroupSummaryView, g: Group, me: string, trust: ReadonlyMap<string, KeyTrust>): GroupDetailView {
  return {
    ...summary,
    topic: g.topic,
    members: g.members.map((m) => ({
      username: m.username, isAdmin: m.isAdmin, isMe: m.username === me, keyTrust: trust.get(m.username) ?? 'unknown',
      ...(m.accountStatus ? { accountStatus: m.accountStatus } : {}),
    })),
  };
}

function toVerificationView(v: GroupVerification): GroupVerificationView {
  return {
    state: v.state,
    ...(v.reason ? { reason: v.reason } : {}),
    ...(v.problem ? { problem: v.problem } : {}),
    ...(v.head ? { headSeq: v.head.seq } : {}),
  };
}

export function toGroupHistoryView(h: GroupHistory): GroupHistoryView {
  return {
    verification: toVerificationView(h.verification),
    entries: h.entries.map((e) => ({
      seq: e.seq,
      type: e.type,
      signer: e.signer,
      at: e.at,
      ...(e.username !== undefined ? { username: e.username } : {}),
      ...(e.generation !== undefined ? { generation: e.generation } : {}),
      ...(e.sealedTo ? { sealedTo: [...e.sealedTo] } : {}),
      ...(e.name !== undefined ? { name: e.name } : {}),
      ...(e.topic !== undefined ? { topic: e.topic } : {}),
    })),
  };
}
