import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../../server/app';
import { createTempDataDir, createTestDatabase, type TestDatabase } from '../../support/database';

export type BackendName = 'postgresql' | 'embedded';

/** One app on one database, shared by the suites of one test file. */
export interface Backend {
  name: BackendName;
  app: FastifyInstance;
  /** The app also listens on a loopback port, for WebSocket tests. */
  url: string;
  /** Set for PostgreSQL: the database URL, for a second app or a direct look at the rows. */
  databaseUrl?: string;
  close(): Promise<void>;
}

export interface BackendOptions {
  authRateLimit?: number;
  /** Turns /metrics on behind this bearer token. */
  metricsToken?: string;
  trustProxy?: boolean | string;
  registration?: AppOptions['registration'];
  memberInvites?: boolean;
}

export async function startBackend(name: BackendName, options: BackendOptions = {}): Promise<Backend> {
  let database: TestDatabase | undefined;
  if (name === 'postgresql') database = await createTestDatabase('server');
  // On PostgreSQL too: the token secret file lives there, never in the database.
  const dataDir = createTempDataDir('server');
  try {
    const app = await buildApp({
      databaseUrl: database?.url,
      dataDir: dataDir.dir,
      logger: false,
      authRateLimit: options.authRateLimit ?? 100_000,
      registration: options.registration,
      memberInvites: options.memberInvites,
      ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
      ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address !== 'object') throw new Error('the app has no address');
    return {
      name,
      app,
      url: `http://127.0.0.1:${address.port}`,
      databaseUrl: database?.url,
      async close() {
        await app.close();
        await database?.drop();
        dataDir.remove();
      },
    };
  } catch (error) {
    await database?.drop();
    dataDir.remove();
    throw error;
  }
}
