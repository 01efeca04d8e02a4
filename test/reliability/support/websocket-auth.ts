import WebSocket from 'ws';
import { tally } from './tally';

/**
 * Opens the event stream and presents `token` in the first frame. Resolves 101 when the
 * server answers {"type":"ready"}, or the close code when it refuses.
 */
export function tryEventStream(wsUrl: string, token: string): Promise<number> {
  tally.requests += 1;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl);
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('The event stream neither answered ready nor closed within 15 s.'));
    }, 15_000);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token })));
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type?: string };
      if (frame.type === 'ready') {
        clearTimeout(timer);
        socket.close();
        resolve(101);
      }
    });
    socket.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    socket.on('error', () => undefined);
  });
}
