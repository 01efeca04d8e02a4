// Turns what the server stores (MessageView) into a ChatMessage with a status. The sender
// bound into the check is the one the server recorded from the token; the signature shows
// whether that member really wrote it.

import type { MessageView } from '../../common/api';
import { decryptGroupMessage, SignatureError, type PublicIdentity } from '../../common/crypto';
import { ServerUnreachableError } from '../errors';
import type { ChatMessage } from './chat-message';

export interface DecodeKeys {
  groupKey(generation: number): Promise<Uint8Array>;
  senderKeys(username: string): Promise<PublicIdentity>;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'The message could not be read.';
}

export async function decodeMessage(groupId: string, view: MessageView, keys: DecodeKeys): Promise<ChatMessage> {
  const base: ChatMessage = {
    groupId,
    seq: view.seq,
    msgId: view.msgId,
    sender: view.sender,
    generation: view.generation,
    createdAt: view.createdAt,
    status: 'could-not-decrypt',
  };
  let groupKey: Uint8Array;
  try {
    groupKey = await keys.groupKey(view.generation);
  } catch (error) {
    if (error instanceof ServerUnreachableError) throw error;
    return { ...base, problem: describe(error) };
  }
  let sender: PublicIdentity;
  try {
    sender = await keys.senderKeys(view.sender);
  } catch (error) {
    if (error instanceof ServerUnreachableError) throw error;
    return { ...base, status: 'bad-signature', problem: `The keys of ${view.sender} are not known, so the signature cannot be checked.` };
  }
  try {
    const envelope = decryptGroupMessage(
      view.encryptedBlobB64,
      { groupId, generation: view.generation, sender: view.sender, msgId: view.msgId },
      groupKey,
      sender.signingPublicKey,
    );
    const message: ChatMessage = { ...base, status: 'ok', kind: envelope.kind, body: envelope.body, sentAt: envelope.sentAt };
    if (envelope.snippet) message.snippet = envelope.snippet;
    if (envelope.replyTo) message.replyTo = envelope.replyTo;
    if (envelope.target) message.target = envelope.target;
    return message;
  } catch (error) {
    return { ...base, status: error instanceof SignatureError ? 'bad-signature' : 'could-not-decrypt', problem: describe(error) };
  }
}
