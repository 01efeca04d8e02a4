import WebSocket from 'ws';
import { inLanes, type BenchUser } from '../support/api';
import { httpContender, type Contender } from '../support/http-load';
import { msgIdFor } from '../sections/send';
import { withTimeout } from './xmpp-room';

/**
 * A member's own event socket, as the client holds one: resolves a waiter when the member's
 * own message comes back on it (the room's echo, as an XMPP occupant waits for its reflection).
 */
class MemberSocket {
  private readonly waiting = new Map<string, () => void>();

  constructor(readonly socket: WebSocket) {
    socket.on('error', () => undefined);
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; message?: { msgId: string } };
      if (frame.type !== 'message' || !frame.message) return;
      const resolve = this.waiting.get(frame.message.msgId);
      if (resolve) {
        this.waiting.delete(frame.message.msgId);
        resolve();
      }
    });
  }

  expect(msgId: string): Promise<void> {
    return new Promise((resolve) => this.waiting.set(msgId, resolve));
  }

  forget(msgId: string): void {
    this.waiting.delete(msgId);
  }
}

async function openMemberSocket(baseUrl: string, token: string): Promise<MemberSocket> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/events`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  await withTimeout(new Promise<void>((resolve, reject) => {
    socket.once('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string };
      if (frame.type === 'ready') resolve();
      else reject(new Error(`Expected a ready frame, got ${data.toString().slice(0, 200)}`));
    });
    socket.send(JSON.stringify({ type: 'auth', token }));
  }), 10_000, 'The server did not answer the WebSocket sign-in within 10 s.');
  return new MemberSocket(socket);
}

export interface TeamChatMembers {
  sockets: MemberSocket[];
  close(): void;
}

export async function connectMembers(baseUrl: string, members: readonly BenchUser[]): Promise<TeamChatMembers> {
  const sockets = await inLanes(members, 16, (m) => openMemberSocket(baseUrl, m.token));
  return { sockets, close: () => sockets.forEach((s) => s.socket.terminate()) };
}

/**
 * TeamChat's send (the send section's request: POST /api/groups/{id}/messages, same body) by
 * members who hold their event socket; lane i waits for its 201 and for its own message on its
 * socket, so a round is what an XMPP occupant's post-and-echo is.
 */
export function teamchatSendContender(
  baseUrl: string, groupId: string, senders: readonly BenchUser[], members: TeamChatMembers, runTag: string, blobB64: string, concurrency: number,
): Contender {
  const post = httpContender('TeamChat send', baseUrl, concurrency, 201, (lane, n) => ({
    method: 'POST', path: `/api/groups/${groupId}/messages`,
    headers: { authorization: `Bearer ${senders[lane % senders.length]!.token}` },
    body: JSON.stringify({ msgId: msgIdFor(runTag, lane, n), generation: 1, encryptedBlobB64: blobB64 }),
  }));
  return {
    name: 'TeamChat send',
    async task(lane, n) {
      const socket = members.sockets[lane % members.sockets.length]!;
      const msgId = msgIdFor(runTag, lane, n);
      const echoed = socket.expect(msgId);
      try {
        await post.task(lane, n);
        await withTimeout(echoed, 10_000, `No echo of ${msgId} within 10 s.`);
      } catch (error) {
        socket.forget(msgId);
        throw error;
      }
    },
    close: post.close,
  };
}
