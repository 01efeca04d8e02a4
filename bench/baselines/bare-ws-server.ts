// The ceiling for fan-out: a bare `ws` server that broadcasts each posted message, as the
// same event bytes TeamChat sends, to every connected socket. No auth, no database.
// Usage: bare-ws-server.ts <port>
import http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const [portText] = process.argv.slice(2);
const sockets = new Set<WebSocket>();
let seq = 0;

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.method !== 'POST') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    const post = JSON.parse(Buffer.concat(chunks).toString()) as { msgId: string; generation: number; encryptedBlobB64: string };
    const groupId = /^\/groups\/([0-9a-f-]{36})\/messages$/.exec(req.url ?? '')?.[1] ?? '';
    const message = {
      seq: ++seq, msgId: post.msgId, sender: String(req.headers['x-sender']), generation: post.generation,
      encryptedBlobB64: post.encryptedBlobB64, createdAt: new Date().toISOString(),
    };
    const frame = JSON.stringify({ type: 'message', groupId, message });
    for (const socket of sockets) socket.send(frame);
    const body = JSON.stringify(message);
    res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  });
});
const wss = new WebSocketServer({ server, path: '/events' });
wss.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
server.keepAliveTimeout = 60_000;
server.listen(Number(portText), '127.0.0.1');
process.on('SIGTERM', () => {
  for (const socket of sockets) socket.terminate();
  server.close();
  process.exit(0);
});
