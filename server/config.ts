import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REGISTRATION_MODES, type RegistrationMode } from '../common/api/invites';
import { SECRET_FILE_NAME } from './auth/server-secret';
import { defaultDataDir } from './data-dir';

export interface ServerConfig {
  /** Serve, or replace the token secret in the secret file (running servers pick it up). */
  command: 'start' | 'rotate-secret';
  port: number;
  host: string;
  /** PostgreSQL URL; absent means the embedded database in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  tls?: { cert: Buffer; key: Buffer };
  jwtSecret?: string;
  /** The 0600 file with the token secret, when JWT_SECRET is not set. */
  secretFile: string;
  logLevel: string;
  /** Attempts per minute per client address on each auth route. */
  authRateLimit: number;
  /** Lifetime of an access token; event sockets close when theirs runs out. */
  accessTokenSeconds: number;
  /** Behind a load balancer: which proxies' X-Forwarded-For to believe (Fastify's trustProxy). */
  trustProxy?: boolean | string;
  /** Who may create an account: invite by default off loopback, open on it. */
  registration: RegistrationMode;
  /** Members may create invites too, not only server admins. */
  memberInvites: boolean;
  /** Bearer token for GET /metrics; without it there is no /metrics. */
  metricsToken?: string;
  /** Largest file attachment, in bytes (docs/files.md). */
  maxFileBytes: number;
  /** Most bytes of attachments per user; null for no quota. */
  fileQuotaBytes: number | null;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_PORT = 8800;

export const HELP = `Usage: teamchat-server [command] [options]
       (from a checkout: npm run server -- [command] [options])

Commands:
  serve            (the default) start the server and print its URL; pending migrations run first
  migrate          run the pending database migrations, say which ran, and exit
  backup <file>    copy the embedded database, with its server stopped, into <file>
                   (on PostgreSQL use pg_dump instead)
  restore <file>   put a backup into a data folder that holds no database (--force replaces one)
  admin <task>     account tasks on the server host: users, grant <user>, revoke <user>
  rotate-secret    replace the token secret in the secret file; running servers on that file
                   switch within seconds: access tokens signed before are refused (clients
                   refresh them), sessions go on
Run "teamchat-server <command> --help" for a command's own options.

Options:
  --port <n>         port to listen on (env PORT; default ${DEFAULT_PORT}; 0 picks a free one)
  --host <name>      address to listen on (env HOST; default 127.0.0.1)
  --data-dir <dir>   folder of the embedded database and of the token secret file
                     ${SECRET_FILE_NAME} (env TEAMCHAT_DATA_DIR; default ${defaultDataDir()})
  --secret-file <f>  keep the token secret (0600) in this file instead (env TEAMCHAT_SECRET_FILE);
                     processes sharing one database must share the file or JWT_SECRET
  --database-url <u> use this PostgreSQL instead of the embedded one (env DATABASE_URL)
  --tls-cert <file>  serve HTTPS with this PEM certificate (env TEAMCHAT_TLS_CERT)
  --tls-key <file>   ... and this PEM private key (env TEAMCHAT_TLS_KEY)
  --registration <m> who may create an account: open, invite or closed (env TEAMCHAT_REGISTRATION;
                     default invite, or open on a loopback --host without TEAMCHAT_TRUST_PROXY);
                     the setup code printed
                     while there is no server admin works in every mode
  --member-invites   every member may create invites, not only server admins
                     (env TEAMCHAT_MEMBER_INVITES=true)
  --help             show this text

Environment only:
  JWT_SECRET                 token signing secret instead of the secret file (never kept in the
                             database); to rotate it, change it and restart
  TEAMCHAT_LOG_LEVEL         pino log level (default info)
  TEAMCHAT_AUTH_RATE_LIMIT   sign-in attempts per minute per address and route (default 30)
  TEAMCHAT_ACCESS_TOKEN_SECONDS  lifetime of an access token, 5 to 86400 (default 900); clients
                             refresh it, and an event socket is closed when its token runs out
  TEAMCHAT_TRUST_PROXY       behind a load balancer: "true", or its addresses/CIDRs comma-separated,
                             so rate limits count the client's address from X-Forwarded-For
  TEAMCHAT_METRICS_TOKEN     serve Prometheus metrics at /metrics to "Authorization: Bearer <it>"
                             (at least 16 characters); without it there is no /metrics
  TEAMCHAT_MAX_FILE_MB       largest file attachment, in MiB (default 25), announced to clients
  TEAMCHAT_FILE_QUOTA_MB     attachments each user may keep, in MiB (default 1024; 0 for no quota)
`;

/** The flags every command that reaches the database or the secret file understands. */
export const SERVER_OPTIONS = {
  port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' },
  'database-url': { type: 'string' }, 'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' },
  'secret-file': { type: 'string' }, help: { type: 'boolean', short: 'h' },
  registration: { type: 'string' }, 'member-invites': { type: 'boolean' },
} as const;

/** The values parseArgs gives for SERVER_OPTIONS. */
export type ServerFlags = { [K in keyof typeof SERVER_OPTIONS]?: (typeof SERVER_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/** Reads flags first, then the environment; returns null when --help was asked for. */
export function readConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig | null {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: SERVER_OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}; run with --help for the options.`);
  }
  const flags = parsed.values;
  if (flags.help) return null;
  const [command = 'start', ...extra] = parsed.positionals;
  if ((command !== 'start' && command !== 'rotate-secret') || extra.length > 0) {
    throw new ConfigError(`Unknown command "${parsed.positionals.join(' ')}"; the commands are serve, migrate, backup, restore, admin and rotate-secret (run with --help).`);
  }
  return { command, ...configFromFlags(flags, env) };
}

/** Everything but the command, from parsed flags and then the environment. */
export function configFromFlags(flags: ServerFlags, env: NodeJS.ProcessEnv): Omit<ServerConfig, 'command'> {
  const portText = flags.port ?? env.PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`The port "${portText}" is not a number from 0 to 65535.`);

  const certFile = flags['tls-cert'] ?? env.TEAMCHAT_TLS_CERT;
  const keyFile = flags['tls-key'] ?? env.TEAMCHAT_TLS_KEY;
  if (Boolean(certFile) !== Boolean(keyFile)) throw new ConfigError('HTTPS needs both a certificate and a key; give --tls-cert and --tls-key together.');

  const rateText = env.TEAMCHAT_AUTH_RATE_LIMIT ?? '30';
  const authRateLimit = Number(rateText);
  if (!Number.isInteger(authRateLimit) || authRateLimit < 1) throw new ConfigError('TEAMCHAT_AUTH_RATE_LIMIT must be a whole number of at least 1.');

  const lifetimeText = env.TEAMCHAT_ACCESS_TOKEN_SECONDS ?? '900';
  const accessTokenSeconds = Number(lifetimeText);
  if (!Number.isInteger(accessTokenSeconds) || accessTokenSeconds < 5 || accessTokenSeconds > 86_400) {
    throw new ConfigError('TEAMCHAT_ACCESS_TOKEN_SECONDS must be a whole number of seconds from 5 to 86400.');
  }

  const metricsToken = env.TEAMCHAT_METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && !/^[\x21-\x7e]{16,}$/.test(metricsToken)) {
    throw new ConfigError('TEAMCHAT_METRICS_TOKEN must be at least 16 printable characters without spaces, e.g. from "openssl rand -hex 32".');
  }

  const maxFileMb = readMegabytes(env.TEAMCHAT_MAX_FILE_MB, 'TEAMCHAT_MAX_FILE_MB', 25);
  const quotaMb = readMegabytes(env.TEAMCHAT_FILE_QUOTA_MB, 'TEAMCHAT_FILE_QUOTA_MB', 1024);

  const host = flags.host ?? env.HOST ?? '127.0.0.1';
  const dataDir = flags['data-dir'] ?? (env.TEAMCHAT_DATA_DIR || defaultDataDir(env));
  return {
    port,
    host,
    databaseUrl: flags['database-url'] ?? (env.DATABASE_URL || undefined),
    dataDir,
    secretFile: flags['secret-file'] ?? (env.TEAMCHAT_SECRET_FILE || path.join(dataDir, SECRET_FILE_NAME)),
    tls: certFile && keyFile ? { cert: readTlsFile(certFile), key: readTlsFile(keyFile) } : undefined,
    jwtSecret: env.JWT_SECRET || undefined,
    logLevel: env.TEAMCHAT_LOG_LEVEL ?? 'info',
    authRateLimit,
    accessTokenSeconds,
    trustProxy: env.TEAMCHAT_TRUST_PROXY ? (env.TEAMCHAT_TRUST_PROXY === 'true' ? true : env.TEAMCHAT_TRUST_PROXY) : undefined,
    registration: readRegistration(flags.registration ?? (env.TEAMCHAT_REGISTRATION || undefined), host, Boolean(env.TEAMCHAT_TRUST_PROXY)),
    memberInvites: flags['member-invites'] ?? readBoolean(env.TEAMCHAT_MEMBER_INVITES, 'TEAMCHAT_MEMBER_INVITES'),
    metricsToken,
    maxFileBytes: Math.round(maxFileMb * 1024 * 1024),
    fileQuotaBytes: quotaMb === 0 ? null : Math.round(quotaMb * 1024 * 1024),
  };
}

function readMegabytes(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 1024 * 1024) throw new ConfigError(`${name} must be a number of MiB from 0 to 1048576.`);
  return value;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * A server only this machine can reach is open by default (npm start); one others can reach
 * takes invites: it listens beyond loopback, or a proxy in front passes others to it.
 */
function readRegistration(text: string | undefined, host: string, behindProxy: boolean): RegistrationMode {
  if (text === undefined) return LOOPBACK_HOSTS.has(host.toLowerCase()) && !behindProxy ? 'open' : 'invite';
  const mode = REGISTRATION_MODES.find((m) => m === text);
  if (!mode) throw new ConfigError(`The registration mode "${text}" is not one of open, invite or closed.`);
  return mode;
}

function readBoolean(text: string | undefined, name: string): boolean {
  if (text === undefined || text === '' || text === 'false') return false;
  if (text === 'true') return true;
  throw new ConfigError(`${name} must be true or false.`);
}

function readTlsFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new ConfigError(`Cannot read the TLS file ${file}; check the path and its permissions.`);
  }
}
