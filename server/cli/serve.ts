import { buildApp, loggerOptions } from '../app';
import type { ServerConfig } from '../config';
import { joinNotice } from '../join-notice';
import { prepareSetupCode } from '../store/setup-code';

/** Starts the server, prints its URL and stops cleanly on SIGINT or SIGTERM. */
export async function serve(config: ServerConfig): Promise<void> {
  const started = Date.now();
  const app = await buildApp({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    jwtSecret: config.jwtSecret,
    secretFile: config.secretFile,
    authRateLimit: config.authRateLimit,
    accessTokenSeconds: config.accessTokenSeconds,
    https: config.tls,
    trustProxy: config.trustProxy,
    metricsToken: config.metricsToken,
    registration: config.registration,
    memberInvites: config.memberInvites,
    files: { maxFileBytes: config.maxFileBytes, quotaBytes: config.fileQuotaBytes },
    logger: loggerOptions(config.logLevel),
  });
  const setup = await prepareSetupCode(app.orm.em.fork().getKnex());
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const url = `${config.tls ? 'https' : 'http'}://${shownHost}:${port}`;
  const where = config.databaseUrl ? 'PostgreSQL' : `embedded database in ${config.dataDir}`;
  // Before the line below, so whoever waits for that line has these too.
  for (const line of joinNotice(config.registration, setup)) console.log(line);
  // Test helpers and scripts read this line to find the server.
  console.log(`TeamChat server listening on ${url} (${where}; started in ${Date.now() - started} ms)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
