import path from 'node:path';
import { freePort, startTsChild, waitUntilServing, type Child } from './processes';

export interface BaselineServer {
  baseUrl: string;
  child: Child;
}

const BASELINES = path.resolve(__dirname, '..', 'baselines');

/** The raw `pg` route (node:http, no framework) on the given database. */
export async function startRawPgServer(databaseUrl: string): Promise<BaselineServer> {
  const port = await freePort();
  const child = startTsChild(path.join(BASELINES, 'raw-pg-server.ts'), [String(port), databaseUrl]);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilServing(child, `${baseUrl}/health`, 'The raw pg baseline server');
  return { baseUrl, child };
}

/** The raw route on its own embedded database (PGlite behind its socket), with one seeded group. */
export async function startRawEmbeddedServer(dataDir: string, groupId: string, messages: number, blobBytes: number): Promise<BaselineServer> {
  const port = await freePort();
  const child = startTsChild(path.join(BASELINES, 'raw-pg-server.ts'), [String(port), '--embedded', dataDir, groupId, String(messages), String(blobBytes)]);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilServing(child, `${baseUrl}/health`, 'The raw embedded baseline server');
  return { baseUrl, child };
}

/** The bare `ws` broadcast server. */
export async function startBareWsServer(): Promise<BaselineServer> {
  const port = await freePort();
  const child = startTsChild(path.join(BASELINES, 'bare-ws-server.ts'), [String(port)]);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilServing(child, `${baseUrl}/health`, 'The bare ws baseline server');
  return { baseUrl, child };
}
