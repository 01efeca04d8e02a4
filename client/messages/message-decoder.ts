// Turns what the server stores (MessageView) into a ChatMessage with a status. The sender
// bound into the check is the one the server recorded from the token; the signature shows
// whether that member really wrote it.

import type { MessageView } from '../../common/api';
import {
  decryptGroupMessagesInParallel,
  SignatureError,
  type GroupMessageItem,
  type MessageEnvelope,
  type PublicIdentity,
} from '../../common/crypto';
import { ServerError, ServerUnreachableError } from '../errors';
import type { ChatMessage } from './chat-message';

export interface DecodeKeys {
  groupKey(generation: number): Promise<Uint8Array>;
  senderKeys(username: string): Promise<PublicIdentity>;
}

/**
 * The server could not answer just now (unreachable, or 5xx such as 503 while its database
 * restarts): the message is neither unreadable nor forged, so decoding is retried later
 * instead of marking it for good.
 */
function isTransient(error: unknown): boolean {
  return error instanceof ServerUnreachableError || (error instanceof ServerError && error.status >= 500);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'The message could not be read.';
}

function baseOf(groupId: string, view: MessageView): ChatMessage {
  return {
    groupId,
    seq: view.seq,
    msgId: view.msgId,
    sender: view.sender,
    generation: view.generation,
    createdAt: view.createdAt,
    status: 'could-not-decrypt',
  };
}

/** The one place a verified envelope becomes a ChatMessage: for what was read and for what was just sent. */
export function chatMessageFrom(groupId: string, view: MessageView, envelope: MessageEnvelope): ChatMessage {
  return opened(baseOf(groupId, view), envelope);
}

function opened(base: ChatMessage, envelope: MessageEnvelope): ChatMessage {
  const message: ChatMessage = { ...base, status: 'ok', kind: envelope.kind, body: envelope.body, sentAt: envelope.sentAt };
  if (envelope.snippet) message.snippet = envelope.snippet;
  if (envelope.file) message.file = envelope.file;
  if (envelope.diff) message.diff = envelope.diff;
  if (envelope.replyTo) message.replyTo = envelope.replyTo;
  if (envelope.target) message.target = envelope.target;
  if (envelope.log) message.log = envelope.log;
  if (envelope.thread) message.threadRoot = envelope.thread.root;
  if (envelope.thread?.alsoToGroup) message.alsoToGroup = true;
  if (envelope.resolved !== undefined) message.resolved = envelope.resolved;
  return message;
}

function unreadable(base: ChatMessage, error: unknown): ChatMessage {
  return { ...base, status: error instanceof SignatureError ? 'bad-signature' : 'could-not-decrypt', problem: describe(error) };
}

/** The group key and sender keys of one message, or the message as it must be shown without them. */
async function keysFor(base: ChatMessage, keys: DecodeKeys): Promise<{ groupKey: Uint8Array; sender: PublicIdentity } | ChatMessage> {
  let groupKey: Uint8Array;
  try {
    groupKey = await keys.groupKey(base.generation);
  } catch (error) {
    if (isTransient(error)) throw error;
    return { ...base, problem: describe(error) };
  }
  try {
    return { groupKey, sender: await keys.senderKeys(base.sender) };
  } catch (error) {
    if (isTransient(error)) throw error;
    return { ...base, status: 'bad-signature', problem: `The keys of ${base.sender} are not known, so the signature cannot be checked.` };
  }
}

/**
 * Each view decrypted and checked, in order, with the signature checks of a long history
 * spread over worker threads (Ed25519 verification is most of the cost; a short list stays
 * on this thread).
 */
export async function decodeMessages(groupId: string, views: readonly MessageView[], keys: DecodeKeys): Promise<ChatMessage[]> {
  const out: ChatMessage[] = new Array(views.length);
  const items: GroupMessageItem[] = [];
  const slots: number[] = [];
  // A long history has a handful of senders and generations: look each pair up once.
  const looked = new Map<string, Awaited<ReturnType<typeof keysFor>>>();
  for (let i = 0; i < views.length; i++) {
    const view = views[i] as MessageView;
    const base = baseOf(groupId, view);
    const pair = `${view.generation}/${view.sender}`;
    let found = looked.get(pair);
    if (!found) looked.set(pair, (found = await keysFor(base, keys)));
    if ('status' in found) {
      out[i] = { ...base, status: found.status, ...(found.problem ? { problem: found.problem } : {}) };
      continue;
    }
    out[i] = base;
    slots.push(i);
    items.push({
      encryptedBlobB64: view.encryptedBlobB64,
      ctx: { groupId, generation: view.generation, sender: view.sender, msgId: view.msgId },
      groupKey: found.groupKey,
      senderSigningPublicKey: found.sender.signingPublicKey,
    });
  }
  const results = await decryptGroupMessagesInParallel(items);
  results.forEach((result, k) => {
    const i = slots[k] as number;
    out[i] = result.ok ? opened(out[i] as ChatMessage, result.envelope) : unreadable(out[i] as ChatMessage, result.error);
  });
  return out;
}

export async function decodeMessage(groupId: string, view: MessageView, keys: DecodeKeys): Promise<ChatMessage> {
  return (await decodeMessages(groupId, [view], keys))[0] as ChatMessage;
}
