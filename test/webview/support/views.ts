import type { ChatMessageView, GroupDetailView } from '../../../common/webview-protocol';

export function message(seq: number, over: Partial<ChatMessageView> = {}): ChatMessageView {
  return {
    msgId: seq.toString(16).padStart(32, '0'),
    seq,
    sender: 'bob',
    isMine: false,
    sentAt: '2026-11-25T10:00:00.000Z',
    body: `message ${seq}`,
    edited: false,
    deleted: false,
    integrity: 'ok',
    mentionsMe: false,
    ...over,
  };
}

export function group(over: Partial<GroupDetailView> = {}): GroupDetailView {
  return {
    id: '6f1c2a9e-1111-4222-8333-944455556666',
    name: 'backend',
    topic: '',
    unread: 0,
    notify: 'all',
    isAdmin: true,
    memberCount: 2,
    needsRotation: false,
    verification: { state: 'verified', headSeq: 2 },
    members: [
      { username: 'alice', isAdmin: true, isMe: true, keyTrust: 'pinned' },
      { username: 'bob', isAdmin: false, isMe: false, keyTrust: 'pinned' },
    ],
    ...over,
  };
}
