// Sends one message: builds the envelope, encrypts it under the group's current key,
// signs it, posts it. The msgId is fixed before the first attempt, so a retry after a lost
// answer is recognised by the server and never stored twice.

import type { GroupView, MessageView, PostMessageBody } from '../../common/api';
import { encryptGroupMessage, newMsgId, type CodeSnippet, type MessageEnvelope, type MessageKind } from '../../common/crypto';
import type { ApiClient } from '../api/api-client';
import { ServerUnreachableError } from '../errors';
import type { GroupKeyRing } from '../keys/group-key-ring';
import type { Me } from '../groups/group-operations';

export interface OutgoingMessage {
  kind: MessageKind;
  body: string;
  replyTo?: string;
  target?: string;
  snippet?: CodeSnippet;
}

export interface SentMessage {
  view: MessageView;
  envelope: MessageEnvelope;
}

export class MessageSender {
  constructor(private readonly api: ApiClient, private readonly me: Me, private readonly keyRing: GroupKeyRing) {}

  async send(group: GroupView, outgoing: OutgoingMessage, msgId = newMsgId()): Promise<SentMessage> {
    const envelope: MessageEnvelope = { v: 1, kind: outgoing.kind, body: outgoing.body, sentAt: new Date().toISOString() };
    if (outgoing.replyTo) envelope.replyTo = outgoing.replyTo;
    if (outgoing.target) envelope.target = outgoing.target;
    if (outgoing.snippet) envelope.snippet = outgoing.snippet;
    const generation = group.generation;
    const groupKey = await this.keyRing.keyFor(group, generation);
    const body: PostMessageBody = {
      msgId,
      generation,
      encryptedBlobB64: encryptGroupMessage(envelope, { groupId: group.id, generation, sender: this.me.username, msgId }, groupKey, this.me.identity.signingPrivateKey),
    };
    if (outgoing.kind === 'edit') body.editOf = outgoing.target;
    if (outgoing.kind === 'delete') body.deleteOf = outgoing.target;
    try {
      return { view: await this.api.postMessage(group.id, body), envelope };
    } catch (error) {
      // The request may have been stored before the connection broke: the same msgId and
      // blob make the retry safe.
      if (!(error instanceof ServerUnreachableError)) throw error;
      return { view: await this.api.postMessage(group.id, body), envelope };
    }
  }
}
