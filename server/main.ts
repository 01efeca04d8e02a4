import { buildApp, loggerOptions } from './app';
import { errorMessage } from '../common/error-message';
import { rotateSecretFile } from './auth/server-secret';
import { ConfigError, HELP, readConfig, type ServerConfig } from './config';
import { joinNotice } from './join-notice';
import { prepareSetupCode } from './store/setup-code';

/** rotate-secret: a new token secret in the file; running servers on it switch within seconds. */
function rotateSecret(config: ServerConfig): void {
  if (config.jwtSecret) {
    console.error('JWT_SECRET is set, so there is no secret file to rotate: give the servers a new JWT_SECRET and restart them.');
    process.exit(2);
  }
  try {
    rotateSecretFile(config.secretFile);
  } catch (error) {
    console.error(`The secret was not rotated: ${errorMessage(error)}`);
    process.exit(1);
  }
  console.log(`Rotated the token secret in ${config.secretFile}. Running servers refuse older access tokens within seconds; clients refresh them and stay signed in.`);
}

/** Reads flags and environment, starts the server and prints its URL. */
async function main(): Promise<void> {
  let config;
  try {
    config = readConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  if (!config) {
    process.stdout.write(HELP);
    return;
  }
  if (config.command === 'rotate-secret') return rotateSecret(config);
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
    registration: config.registration,
    memberInvites: config.memberInvites,
    metricsToken: config.metricsToken,
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

main().catch((error: unknown) => {
  console.error(`The server could not start: ${errorMessage(error)}`);
  process.exit(1);
});
