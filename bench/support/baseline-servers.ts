import path from 'node:path';
import { freePort, startTsChild, waitUntilServing, type Child } from './processes';

export interface BaselineServer {
  baseUrl: string;
  child: Child;
}

const BASELINES = path.resolve(__dirname, '..', 'baselines');

/** The raw `pg` route (node:http, no framework) on the given database; `nodeArgs` e.g. --cpu-prof, as for the server. */
export async function startRawPgServer(databaseUrl: string, nodeArgs: string[] = []): Promise<BaselineServer> {
  const port = await freePort();
  const child = startTsChild(path.join(BASELINES, 'raw-pg-server.ts'), [String(port), databaseUrl], {}, nodeArgs);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilServing(child, `${baseUrl}/health`, 'The raw pg baseline server');
  return { baseUrl, child };
}

/** The raw route on its own embedded database (PGlite behind its socket), with one seeded group. */
export async function startRawEmbeddedServer(
  dataDir: string, groupId: string, messages: number, blobBytes: number, nodeArgs: string[] = [],
): Promise<BaselineServer> {
  const port = await freePort();
  const child = startTsChild(path.join(BASELINES, 'raw-pg-server.ts'), [String(port), '--embedded', dataDir, groupId, String(messages), String(blobBytes)], {}, nodeArgs);
  const baseUrl = `http://127.0.0.1:${port}`;
  // It runs initdb and seeds its group first, as slow as the server's first start.
  await waitUntilServing(child, `${baseUrl}/health`, 'The raw embedded baseline server', 300);
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
