// The ceiling for the send and history routes: the same SQL through the raw `pg` driver
// behind a bare node:http server, with no framework, auth, validation or ORM.
// Usage: raw-pg-server.ts <port> <database url>
//    or: raw-pg-server.ts <port> --embedded <data dir> <group id> <messages> <blob bytes>
// The sender is named by the x-sender header.
import http from 'node:http';
import pg from 'pg';
import { HISTORY_SQL, INSERT_SQL, pageView, rowView, type RawMessageRow } from './raw-pg-sql';
import { startRawEmbeddedDatabase } from './raw-embedded-database';

const [portText, databaseUrl, dataDir, groupId, messages, blobBytes] = process.argv.slice(2);
let pool: pg.Pool;

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/health') return reply(res, 200, { status: 'ok' });
  const match = /^\/groups\/([0-9a-f-]{36})\/messages$/.exec(url.pathname);
  if (!match) return reply(res, 404, { error: 'not_found' });
  const groupId = match[1] as string;
  if (req.method === 'POST') {
    const post = JSON.parse(body) as { msgId: string; generation: number; encryptedBlobB64: string };
    const result = await pool.query<RawMessageRow>(INSERT_SQL, [
      groupId, post.msgId, req.headers['x-sender'], post.generation, Buffer.from(post.encryptedBlobB64, 'base64'),
    ]);
    return reply(res, 201, rowView(result.rows[0] as RawMessageRow));
  }
  const before = Number(url.searchParams.get('before') ?? Number.MAX_SAFE_INTEGER);
  const limit = Number(url.searchParams.get('limit') ?? 50);
  const result = await pool.query<RawMessageRow>(HISTORY_SQL, [groupId, before, limit + 1]);
  return reply(res, 200, pageView(result.rows, limit));
}

async function main(): Promise<void> {
  const embedded = databaseUrl === '--embedded'
    ? await startRawEmbeddedDatabase(dataDir as string, groupId as string, Number(messages), Number(blobBytes))
    : undefined;
  // The same pool size as the TeamChat server's, so the ceiling is not set by more connections.
  pool = embedded?.pool ?? new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // An idle connection the database dropped (a restart) must not end the baseline; the pool reconnects.
  pool.on('error', (error) => console.error(`raw pg pool: ${error.message}`));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString()).catch((error: unknown) => reply(res, 500, { error: String(error) }));
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(portText), '127.0.0.1');
  process.on('SIGTERM', () => {
    server.close();
    void pool.end().then(() => embedded?.db.stop()).finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
