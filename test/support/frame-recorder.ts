import type WebSocket from 'ws';

/** Keeps every JSON frame a socket receives and hands out the first that matches a test's wish. */
export class FrameRecorder<F> {
  readonly frames: F[] = [];
  private waiters: { match: (f: F) => boolean; resolve: (f: F) => void }[] = [];

  constructor(socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as F;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
  }

  /** The first frame (already received or still to come) that matches; fails after `timeoutMs`. */
  next(match: (f: F) => boolean, timeoutMs: number, timeoutMessage: () => string): Promise<F> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(timeoutMessage())), timeoutMs);
      this.waiters.push({ match, resolve: (f) => { clearTimeout(timer); resolve(f); } });
    });
  }
}
