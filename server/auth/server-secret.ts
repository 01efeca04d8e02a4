import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, unwatchFile, watchFile, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The keys the server signs with. Never in the database, so a dump or a backup of it signs
 * in nobody: they come from JWT_SECRET or from a 0600 file beside (not inside) the database.
 */
export interface ServerKeys {
  /** HS256 key for access tokens. */
  jwtKey: Buffer;
  /** The key before the last rotation: a token it signed is answered token_expired, never accepted. */
  retiredJwtKey?: Buffer;
  /** HMAC key for the fake prelogin salts of unknown usernames; rotation keeps it. */
  preloginKey: Buffer;
}

/** The secret file's name in the data folder. */
export const SECRET_FILE_NAME = 'server-secret.json';

const FILE_VERSION = 1;

/**
 * What the file holds. The prelogin secret is apart from the token secret so that a rotation
 * does not change the fake salts of unknown names: a changed salt would tell a watcher that a
 * name is not an account (real accounts' salts never change).
 */
interface SecretFile {
  v: number;
  tokenSecret: string;
  previousTokenSecret?: string;
  preloginSecret: string;
  rotatedAt: string;
}

export class SecretFileError extends Error {
  constructor(file: string, problem: string) {
    super(`The server secret file ${file} ${problem}; restore it from the backup, or delete it to make a new one (everyone then refreshes their tokens).`);
    this.name = 'SecretFileError';
  }
}

function derive(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `teamchat/v1/server/${info}`, 32));
}

/** JWT_SECRET alone: both keys from it, as every process given the same value agrees on. */
export function keysFromEnvSecret(jwtSecret: string): ServerKeys {
  const master = Buffer.from(jwtSecret, 'utf8');
  return { jwtKey: derive(master, 'jwt'), preloginKey: derive(master, 'prelogin') };
}

function keysFromFile(secrets: SecretFile): ServerKeys {
  const previous = secrets.previousTokenSecret ? Buffer.from(secrets.previousTokenSecret, 'base64') : undefined;
  return {
    jwtKey: derive(Buffer.from(secrets.tokenSecret, 'base64'), 'jwt'),
    retiredJwtKey: previous && derive(previous, 'jwt'),
    preloginKey: derive(Buffer.from(secrets.preloginSecret, 'base64'), 'prelogin'),
  };
}

function readSecretFile(file: string): SecretFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SecretFileError(file, `cannot be read (${(error as Error).message})`);
  }
  let parsed: Partial<SecretFile>;
  try {
    parsed = JSON.parse(text) as Partial<SecretFile>;
  } catch {
    throw new SecretFileError(file, 'is not valid JSON');
  }
  const isSecret = (value: unknown) => typeof value === 'string' && Buffer.from(value, 'base64').length >= 32;
  if (parsed.v !== FILE_VERSION || !isSecret(parsed.tokenSecret) || !isSecret(parsed.preloginSecret)
    || (parsed.previousTokenSecret !== undefined && !isSecret(parsed.previousTokenSecret))) {
    throw new SecretFileError(file, 'is damaged');
  }
  return parsed as SecretFile;
}

function newSecret(): string {
  return randomBytes(32).toString('base64');
}

function serialise(secrets: SecretFile): string {
  return JSON.stringify(secrets, null, 2) + '\n';
}

/** A 0600 file next to `file`, for an atomic rename or link onto it. */
function writeTemporary(file: string, content: string): string {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  // The mode given to writeFile is masked by the umask; the file must be 0600 whatever it is.
  chmodSync(temporary, 0o600);
  return temporary;
}

/**
 * The file's keys, making the file on first start. Several processes started together on
 * one data folder make it once: link() refuses to replace a file another process made first.
 */
export function loadSecretFile(file: string): ServerKeys {
  const existing = readSecretFile(file);
  if (existing) return keysFromFile(existing);
  const temporary = writeTemporary(file, serialise({ v: FILE_VERSION, tokenSecret: newSecret(), preloginSecret: newSecret(), rotatedAt: new Date().toISOString() }));
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  const made = readSecretFile(file);
  if (!made) throw new SecretFileError(file, 'vanished while it was made');
  return keysFromFile(made);
}

/**
 * A new token secret; the old one stays as the previous, so the tokens it signed are answered
 * token_expired (clients refresh) rather than unauthorized. Refresh tokens are random and
 * kept hashed, not signed, so every session goes on.
 */
export function rotateSecretFile(file: string): void {
  const current = readSecretFile(file);
  const next: SecretFile = {
    v: FILE_VERSION,
    tokenSecret: newSecret(),
    previousTokenSecret: current?.tokenSecret,
    preloginSecret: current?.preloginSecret ?? newSecret(),
    rotatedAt: new Date().toISOString(),
  };
  renameSync(writeTemporary(file, serialise(next)), file);
}

/** How often a running server looks at its secret file for a rotation. */
export const SECRET_FILE_POLL_MS = 1000;

/**
 * Calls `changed` with the new keys whenever the file is rotated, so running servers switch
 * without a restart. Polling (fs.watchFile) sees a file replaced by rename, where fs.watch
 * loses track of it. Returns the function that stops watching.
 */
export function watchSecretFile(file: string, changed: (keys: ServerKeys) => void, failed: (error: Error) => void): () => void {
  const listener = () => {
    try {
      const secrets = readSecretFile(file);
      if (secrets) changed(keysFromFile(secrets));
    } catch (error) {
      failed(error as Error);
    }
  };
  watchFile(file, { interval: SECRET_FILE_POLL_MS, persistent: false }, listener);
  return () => unwatchFile(file, listener);
}

/** Stable per username, so asking twice about a stranger gives the same answer as for a real account. */
export function fakeSaltFor(preloginKey: Buffer, username: string): string {
  return createHmac('sha256', preloginKey).update(username).digest().subarray(0, 16).toString('base64');
}
