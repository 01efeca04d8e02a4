// A MessageSearch fed by real Timelines, as TeamChatClient wires them, and messages to feed it.
import { randomBytes } from 'node:crypto';
import type { ChatMessage } from '../../../../client';
import { Timelines } from '../../../../client/messages/timelines';
import { MessageSearch, type SearchGroup } from '../../../../client/search/message-search';

let counter = 0;

export function msg(groupId: string, seq: number, fields: Partial<ChatMessage> = {}): ChatMessage {
  counter += 1;
  return {
    groupId,
    seq,
    msgId: counter.toString(16).padStart(32, '0'),
    sender: 'alice',
    generation: 1,
    createdAt: new Date(Date.UTC(2026, 10, 20, 12, 0, seq)).toISOString(),
    status: 'ok',
    kind: 'text',
    body: `message ${seq}`,
    ...fields,
  };
}

export function owner(username = 'carol', seed: Uint8Array = randomBytes(32)) {
  return { server: 'http://127.0.0.1:1', username, identity: { signingPrivateKey: seed } };
}

export function searchWith(groups: SearchGroup[], o = owner()) {
  const errors: unknown[] = [];
  const search = new MessageSearch(o, () => groups, (e) => errors.push(e), 5);
  const timelines = new Timelines({ added: () => undefined, updated: () => undefined, delivered: (...d) => search.take(...d) });
  return {
    search,
    errors,
    timelines,
    /** Live (announced) or a history page: the index takes both. */
    deliver: (groupId: string, messages: ChatMessage[], announce = true) => timelines.deliver(groupId, messages, announce),
    ids: (query: string) => search.search(query).map((r) => r.msgId),
  };
}
