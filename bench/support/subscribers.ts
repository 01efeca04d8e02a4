import WebSocket from 'ws';
import { inLanes } from './api';

/** Receipt times of one message across all subscribers: resolves at the last one. */
interface Awaited {
  left: number;
  resolve: (lastAt: number) => void;
}

/**
 * Many WebSocket subscribers in this process, counting which of them got each message
 * (by msgId). Every subscriber parses every frame, as a real client does.
 */
export class SubscriberSwarm {
  private readonly sockets: WebSocket[] = [];
  private readonly waiting = new Map<string, Awaited>();

  get size(): number {
    return this.sockets.length;
  }

  /** Connects to TeamChat's /api/events, signing in with each token as the first frame. */
  async connectTeamChat(baseUrl: string, tokens: readonly string[]): Promise<void> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/api/events`;
    await inLanes(tokens, 16, async (token) => {
      const socket = await this.open(url);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('The server did not answer the WebSocket sign-in within 10 s.')), 10_000);
        socket.once('message', (data) => {
          clearTimeout(timer);
          const frame = JSON.parse(data.toString()) as { type: string };
          if (frame.type === 'ready') resolve();
          else reject(new Error(`Expected a ready frame, got ${data.toString().slice(0, 200)}`));
        });
        socket.once('close', (code) => reject(new Error(`The server closed the event socket (${code}) during sign-in.`)));
        socket.send(JSON.stringify({ type: 'auth', token }));
      });
      this.listen(socket);
    });
  }

  /** Connects `count` sockets to a bare broadcast server. */
  async connectBare(url: string, count: number): Promise<void> {
    await inLanes(Array.from({ length: count }), 16, async () => this.listen(await this.open(url)));
  }

  /** Resolves with the time (performance.now) the last subscriber received msgId. */
  expect(msgId: string): Promise<number> {
    return new Promise((resolve) => this.waiting.set(msgId, { left: this.sockets.length, resolve }));
  }

  forget(msgId: string): void {
    this.waiting.delete(msgId);
  }

  async close(): Promise<void> {
    await Promise.all(this.sockets.map((socket) => new Promise<void>((resolve) => {
      if (socket.readyState === WebSocket.CLOSED) return resolve();
      socket.once('close', () => resolve());
      socket.terminate();
    })));
    this.sockets.length = 0;
  }

  private open(url: string): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
  }

  private listen(socket: WebSocket): void {
    this.sockets.push(socket);
    socket.on('error', () => undefined);
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; message?: { msgId: string } };
      if (frame.type !== 'message' || !frame.message) return;
      const awaited = this.waiting.get(frame.message.msgId);
      if (!awaited) return;
      awaited.left -= 1;
      if (awaited.left === 0) {
        this.waiting.delete(frame.message.msgId);
        awaited.resolve(performance.now());
      }
    });
  }
}
