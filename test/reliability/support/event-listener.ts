import WebSocket from 'ws';
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
  readonly frames: EventFrame[] = [];
  private waiters: { match: (f: EventFrame) => boolean; resolve: (f: EventFrame) => void }[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as EventFrame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
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
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('No such event within the time allowed.')), timeoutMs);
      this.waiters.push({ match, resolve: (f) => {
        clearTimeout(timer);
        resolve(f);
      } });
    });
  }

  close(): void {
    this.socket.terminate();
  }
}
