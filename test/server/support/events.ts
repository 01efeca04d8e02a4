import WebSocket from 'ws';
import type { ServerFrame } from '../../../common/api';
import { FrameRecorder } from '../../support/frame-recorder';

/** A WebSocket subscriber of /api/events that records every frame it gets. */
export class EventClient {
  private readonly recorder: FrameRecorder<ServerFrame>;
  closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    this.recorder = new FrameRecorder(socket);
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Opens the socket and sends `firstFrame` (an auth frame unless told otherwise). */
  static async open(eventsUrl: string, firstFrame: unknown): Promise<EventClient> {
    const socket = new WebSocket(eventsUrl);
    const client = new EventClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.send(typeof firstFrame === 'string' ? firstFrame : JSON.stringify(firstFrame));
    return client;
  }

  /** Signed in and ready: resolves after the server's "ready" frame. */
  static async connect(eventsUrl: string, token: string): Promise<EventClient> {
    const client = await EventClient.open(eventsUrl, { type: 'auth', token });
    await client.next((f) => f.type === 'ready');
    return client;
  }

  /** The first frame (already received or still to come) that matches; fails after `timeoutMs`. */
  next(match: (f: ServerFrame) => boolean, timeoutMs = 15_000): Promise<ServerFrame> {
    return this.recorder.next(match, timeoutMs, () => `no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`);
  }

  get frames(): ServerFrame[] {
    return this.recorder.frames;
  }

  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame));
  }

  close(): void {
    this.socket.close();
  }
}

export const isMessageIn = (groupId: string, msgId?: string) => (f: ServerFrame) =>
  f.type === 'message' && f.groupId === groupId && (msgId === undefined || f.message.msgId === msgId);
