// Sends one message with one retry policy. The envelope is encrypted under the group's
// current generation (from the verified log, for a group with one) and names the log head
// this client verified. The msgId is fixed before the first attempt, so a retry after a lost
// answer is recognised by the server and never stored twice. What a retry may follow:
// - the server was unreachable: the same body again, once;
// - the group changed under us (generation_stale, log_conflict): fetch it, encrypt again;
// - needs_rotation: rotate first, but only if the log (or, for a group without one, the
//   server) says a removal or leave is unrotated; a server that asks for more is refused.

import { HISTORY_PAGE_MAX, type MessageView, type PostMessageBody } from '../../common/api';
import { encryptGroupMessage, newMsgId, type CodeSnippet, type MessageEnvelope, type MessageKind, type ThreadPosition } from '../../common/crypto';
import type { ApiClient } from '../api/api-client';
import { DirectMessageEndedError } from '../dm/direct-messages';
import { GroupVerificationError, isServerError, ServerUnreachableError } from '../errors';
import type { GroupDirectory } from '../groups/group-directory';
import type { GroupLogKeeper } from '../groups/group-log-keeper';
import type { Me } from '../groups/group-operations';
import type { FileAttachment } from '../../common/messages/file-attachment';
import type { SharedDiff } from '../../common/messages/shared-diff';
import type { Group } from '../groups/verified-group';
import type { GroupKeyRing } from '../keys/group-key-ring';
import type { ChatMessage } from './chat-message';
import { chatMessageFrom } from './message-decoder';

export interface OutgoingMessage {
  kind: MessageKind;
  body: string;
  replyTo?: string;
  target?: string;
  snippet?: CodeSnippet;
  /** For a 'file' message: its attachment (already uploaded; its id goes to the server as fileIds). */
  file?: FileAttachment;
  /** For a 'diff' message (client/diffs). */
  diff?: SharedDiff;
  /** The caller's own msgId (32 lowercase hex), so a resend after a reload is the same message. */
  msgId?: string;
  /** In a thread, with the tag the server pages it by (client/threads). */
  thread?: ThreadPosition;
  threadTag?: string;
  /** For a 'resolve' message (client/discussions). */
  resolved?: boolean;
}

/** Attempts after the first, for conflicts (each fetches the group again). */
const CONFLICT_RETRIES = 2;

export class MessageSender {
  constructor(
    private readonly api: ApiClient,
    private readonly me: Me,
    private readonly keyRing: GroupKeyRing,
    private readonly groups: GroupDirectory,
    private readonly logs: GroupLogKeeper,
    private readonly rotate: (group: Group) => Promise<Group>,
  ) {}

  async send(group: Group, outgoing: OutgoingMessage): Promise<ChatMessage> {
    const msgId = outgoing.msgId ?? newMsgId();
    if (!/^[0-9a-f]{32}$/.test(msgId)) throw new Error('A msgId is 32 lowercase hex characters.');
    if (group.dm?.ended) throw new DirectMessageEndedError(group.dm.with);
    for (let attempt = 0; ; attempt++) {
      if (group.needsRotation) group = await this.rotate(group);
      const { body, envelope } = await this.encrypt(group, outgoing, msgId);
      try {
        return chatMessageFrom(group.id, await this.post(group.id, body), envelope);
      } catch (error) {
        const earlier = outgoing.msgId && isServerError(error) && error.code === 'msgid_conflict' ? await this.storedEarlier(group.id, msgId) : undefined;
        if (earlier) return chatMessageFrom(group.id, earlier, envelope);
        if (attempt >= CONFLICT_RETRIES || !isServerError(error) || error.status !== 409) throw error;
        if (!['needs_rotation', 'generation_stale', 'log_conflict'].includes(error.code)) throw error;
        const fresh = (await this.groups.refresh(group.id)) ?? group;
        if (error.code === 'needs_rotation' && !fresh.needsRotation) {
          throw new GroupVerificationError(group.name, 'server-disagrees', 'the server asks for a key rotation that the signed group log does not call for.');
        }
        group = fresh;
      }
    }
  }

  private async encrypt(group: Group, outgoing: OutgoingMessage, msgId: string): Promise<{ body: PostMessageBody; envelope: MessageEnvelope }> {
    const state = this.logs.state(group.id);
    if (group.verification.state === 'failed' && !state) {
      throw new GroupVerificationError(group.name, group.verification.reason ?? 'failed', group.verification.problem ?? 'its signed log could not be verified.');
    }
    const envelope: MessageEnvelope = { v: 1, kind: outgoing.kind, body: outgoing.body, sentAt: new Date().toISOString() };
    if (outgoing.replyTo) envelope.replyTo = outgoing.replyTo;
    if (outgoing.target) envelope.target = outgoing.target;
    if (outgoing.snippet) envelope.snippet = outgoing.snippet;
    if (outgoing.file) envelope.file = outgoing.file;
    if (outgoing.diff) envelope.diff = outgoing.diff;
    if (outgoing.thread) envelope.thread = { ...outgoing.thread };
    if (outgoing.resolved !== undefined) envelope.resolved = outgoing.resolved;
    if (state) envelope.log = { ...state.head };
    // Never below the highest generation verified: for a group with a log, its generation.
    const generation = state ? state.generation : group.generation;
    const groupKey = await this.keyRing.keyFor(group, generation);
    const body: PostMessageBody = {
      msgId,
      generation,
      encryptedBlobB64: encryptGroupMessage(envelope, { groupId: group.id, generation, sender: this.me.username, msgId }, groupKey, this.me.identity.signingPrivateKey),
    };
    if (outgoing.kind === 'edit') body.editOf = outgoing.target;
    if (outgoing.kind === 'delete') body.deleteOf = outgoing.target;
    if (outgoing.file) body.fileIds = [outgoing.file.id];
    if (outgoing.threadTag) body.threadTag = outgoing.threadTag;
    return { body, envelope };
  }

  /**
   * A msgId the caller chose may be stored already by an earlier try that was encrypted afresh
   * (a resend after a reload: another blob, so the server says msgid_conflict). That is the answer.
   */
  private async storedEarlier(groupId: string, msgId: string): Promise<MessageView | undefined> {
    const page = await this.api.history(groupId, { limit: HISTORY_PAGE_MAX });
    return page.messages.find((m) => m.msgId === msgId && m.sender === this.me.username);
  }

  private async post(groupId: string, body: PostMessageBody): Promise<MessageView> {
    try {
      return await this.api.postMessage(groupId, body);
    } catch (error) {
      // The request may have been stored before the connection broke: the same msgId and
      // blob make the retry safe.
      if (!(error instanceof ServerUnreachableError)) throw error;
      return this.api.postMessage(groupId, body);
    }
  }
}
