import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiError, DEFAULT_MAX_FILE_BYTES, HealthAnswer, type RegistrationMode } from '../common/api';
import { installErrorHandlers } from './http/error-handler';
import securityHeaders from './http/security-headers';
import { validatorCompiler } from './http/validator-compiler';
import { SECRET_FILE_NAME } from './auth/server-secret';
import accountAdmin from './plugins/account-admin';
import auth from './plugins/auth';
import authRoutes from './plugins/auth-routes';
import recoveryRoutes from './plugins/recovery';
import db from './plugins/db';
import directMessages from './plugins/direct-messages';
import files, { DEFAULT_UNSENT_UPLOAD_SECONDS, type FilesOptions } from './plugins/files';
import groups from './plugins/groups';
import invites from './plugins/invites';
import joining from './plugins/joining';
import members from './plugins/members';
import messages from './plugins/messages';
import metrics from './plugins/metrics';
import rateLimits from './plugins/rate-limits';
import realtime from './plugins/realtime';
import serverAdmins from './plugins/server-admins';
import users from './plugins/users';

export interface AppOptions {
  /** PostgreSQL URL; without it the embedded database in dataDir. */
  databaseUrl?: string;
  dataDir?: string;
  /** Token signing secret; without it the secret file. */
  jwtSecret?: string;
  /** The 0600 file holding the signing secret (default server-secret.json in dataDir). */
  secretFile?: string;
  /** Attempts per minute per address on each auth route (default 30). */
  authRateLimit?: number;
  /** Lifetime of an access token in seconds (default 15 minutes). */
  accessTokenSeconds?: number;
  https?: { cert: Buffer; key: Buffer };
  logger?: FastifyServerOptions['logger'];
  trustProxy?: boolean | string;
  /** Who may create an account (default open; the CLI picks invite off loopback). */
  registration?: RegistrationMode;
  /** Members may create invites, not only server admins (default false). */
  memberInvites?: boolean;
  /** Serve Prometheus metrics at /metrics to this bearer token; without it there is no /metrics. */
  metricsToken?: string;
  /** File attachments: per-file limit (default 25 MiB), per-user quota (default 1 GiB; null for none), unsent uploads' lifetime. */
  files?: Partial<FilesOptions>;
}

/** The per-user quota of file attachments unless configured otherwise. */
export const DEFAULT_FILE_QUOTA_BYTES = 1024 * 1024 * 1024;

/** Request bodies past this get 413; a message route has its own, smaller limit. */
export const BODY_LIMIT = 1024 * 1024;

/**
 * Paths pino must never print: tokens travel in headers, keys and blobs in bodies. Fastify
 * logs neither by default; the list keeps it so if someone adds a serializer.
 */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'req.body', 'request.body', 'body', 'headers.authorization',
  'res.headers["set-cookie"]', 'token', 'accessToken', 'refreshToken', 'authKeyB64',
];

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return { level, redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } };
}

/** The whole server; tests drive it with inject(), main.ts puts it on a port. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? loggerOptions('info'),
    bodyLimit: BODY_LIMIT,
    // The first start of the embedded database runs initdb, which takes seconds on a busy machine.
    pluginTimeout: 120_000,
    ...(options.https ? { https: options.https } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Fastify's default Ajv coerces body types (12345 becomes "12345", true becomes 1); the
  // TypeBox compiler checks bodies exactly and converts only query strings and params.
  app.setValidatorCompiler(validatorCompiler);
  installErrorHandlers(app);
  // Clients often label a bodiless DELETE or POST as JSON; an empty body then means "none".
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text === '') return done(null, undefined);
    return parseJson(request, text, done);
  });

  await app.register(securityHeaders, { https: Boolean(options.https) });
  await app.register(swagger, {
    openapi: {
      info: { title: 'TeamChat API', version: '1.0.0', description: 'The server stores ciphertext and public keys only. See docs/api.md.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // App plugins: they decorate the instance (orm, serverKeys, requireUser, events) for the routes.
  await app.register(db, { databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  const secretFile = options.secretFile ?? (options.dataDir ? path.join(options.dataDir, SECRET_FILE_NAME) : undefined);
  await app.register(auth, { jwtSecret: options.jwtSecret, secretFile, accessTokenSeconds: options.accessTokenSeconds });
  await app.register(realtime);
  // Counted in the database, so all processes on one PostgreSQL share the limits.
  await app.register(rateLimits);
  await app.register(metrics, { token: options.metricsToken });

  app.get('/api/health', {
    schema: { tags: ['health'], summary: 'Is the server and its database up', response: { 200: HealthAnswer, 503: ApiError } },
  }, async (request, reply) => {
    try {
      await request.em.getKnex().raw('SELECT 1');
    } catch {
      return reply.status(503).send({ error: 'database_unavailable', message: 'The database does not answer; try again shortly.' });
    }
    return { status: 'ok' as const, database: app.databaseKind };
  });

  // Routes, one plugin per concern.
  const registration = options.registration ?? 'open';
  const memberInvites = options.memberInvites ?? false;
  const fileOptions: FilesOptions = {
    maxFileBytes: options.files?.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    quotaBytes: options.files?.quotaBytes === undefined ? DEFAULT_FILE_QUOTA_BYTES : options.files.quotaBytes,
    unsentUploadSeconds: options.files?.unsentUploadSeconds ?? DEFAULT_UNSENT_UPLOAD_SECONDS,
  };
  await app.register(authRoutes, { rateLimit: options.authRateLimit ?? 30, accessTokenSeconds: options.accessTokenSeconds, registration });
  await app.register(recoveryRoutes, { rateLimit: options.authRateLimit ?? 30, accessTokenSeconds: options.accessTokenSeconds });
  await app.register(joining, { registration, memberInvites, maxFileBytes: fileOptions.maxFileBytes });
  await app.register(invites, { memberInvites });
  await app.register(serverAdmins);
  await app.register(users);
  await app.register(groups);
  await app.register(directMessages);
  await app.register(members);
  await app.register(messages);
  await app.register(files, fileOptions);
  await app.register(accountAdmin);
  return app;
}
