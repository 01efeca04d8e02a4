// Hostile first frames on the event stream, kept as data. The server must close the socket
// with the code given (4401: not signed in; 1009: frame too big) and stay up.
export interface WebSocketFrameCase {
  name: string;
  /** Sent as a text frame unless `binary`. */
  frame: string;
  binary?: boolean;
  expectClose: number;
}

export const webSocketFrameCases: WebSocketFrameCase[] = [
  { name: 'not JSON', frame: 'hello', expectClose: 4401 },
  { name: 'JSON null', frame: 'null', expectClose: 4401 },
  { name: 'a ping before signing in', frame: '{"type":"ping"}', expectClose: 4401 },
  { name: 'auth with a number for a token', frame: '{"type":"auth","token":12345}', expectClose: 4401 },
  { name: 'auth with an empty token', frame: '{"type":"auth","token":""}', expectClose: 4401 },
  { name: 'auth with a SQL-like token', frame: '{"type":"auth","token":"\' OR 1=1 --"}', expectClose: 4401 },
  { name: 'auth frame as binary', frame: '{"type":"auth","token":"x"}', binary: true, expectClose: 4401 },
  { name: 'a 1 MiB frame', frame: JSON.stringify({ type: 'auth', token: 'x'.repeat(1024 * 1024) }), expectClose: 1009 },
];
