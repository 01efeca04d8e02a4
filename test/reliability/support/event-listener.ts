import WebSocket from 'ws';
import { FrameRecorder } from '../../support/frame-recorder';
import { tally } from './tally';

export interface EventFrame {
  type: string;
  groupId?: string;
  action?: string;
  username?: string;
  message?: { msgId: string; seq: number };
}

/** A signed-in event stream that keeps every frame, for checking who was told what. */
export class EventListener {
  private readonly recorder: FrameRecorder<EventFrame>;

  private constructor(private readonly socket: WebSocket) {
    this.recorder = new FrameRecorder(socket);
  }

  get frames(): EventFrame[] {
    return this.recorder.frames;
  }

  static async open(wsUrl: string, token: string): Promise<EventListener> {
    tally.requests += 1;
    const socket = new WebSocket(wsUrl);
    const listener = new EventListener(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.once('open', () => socket.send(JSON.stringify({ type: 'auth', token })));
      socket.once('close', (code) => reject(new Error(`The event stream closed with ${code} before ready.`)));
      void listener.next((f) => f.type === 'ready').then(() => resolve());
    });
    return listener;
  }

  /** The first frame (already received or still to come) that matches. */
  next(match: (f: EventFrame) => boolean, timeoutMs = 15_000): Promise<EventFrame> {
    return this.recorder.next(match, timeoutMs, () => 'No such event within the time allowed.');
  }

  close(): void {
    this.socket.terminate();
  }
}
