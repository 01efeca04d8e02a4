// The CLI's secret store: one JSON file per profile whose values are sealed with
// AES-256-GCM under a key derived (HKDF) from the account's kek, which only the passphrase
// yields. The file's header (server, username, KDF parameters) is public, because it is
// needed to ask for the passphrase and derive the key; everything else is ciphertext.

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KdfParams } from '../../common/crypto';
import { aesGcmOpen, GCM_NONCE_BYTES, sealWithFreshNonce } from '../../common/crypto/aes-gcm';
import { fromBase64, toBase64, utf8 } from '../../common/crypto/bytes';
import { AuthenticationError } from '../../common/crypto/errors';
import { hkdfSha256 } from '../../common/crypto/kdf';
import { TeamChatClientError } from '../errors';
import type { SecretStore } from './secret-store';

const FILE_NAME = 'profile.json';
const FORMAT_VERSION = 1;

export interface ProfileHeader {
  server: string;
  username: string;
  kdf: KdfParams;
}

interface ProfileFile extends ProfileHeader {
  v: number;
  /** nonce || AES-256-GCM(profileKey, JSON of every secret), base64. */
  secrets: string;
}

export class ProfileLockedError extends TeamChatClientError {
  constructor() {
    super('The passphrase does not open this profile; check the passphrase (or sign in again with "teamchat login").');
  }
}

export class ProfileDamagedError extends TeamChatClientError {
  constructor(file: string) {
    super(`The profile file ${file} is damaged; sign in again with "teamchat login".`);
  }
}

export function profileFile(dir: string): string {
  return path.join(dir, FILE_NAME);
}

/** The key that seals a profile's secrets, so the kek itself never encrypts anything but the key vault. */
export function profileKeyFromKek(kek: Uint8Array): Uint8Array {
  return hkdfSha256(kek, 'teamchat/v1/cli-profile');
}

export async function readProfileHeader(dir: string): Promise<ProfileHeader | undefined> {
  const file = await readProfile(dir);
  return file && { server: file.server, username: file.username, kdf: file.kdf };
}

async function readProfile(dir: string): Promise<ProfileFile | undefined> {
  let text: string;
  try {
    text = await readFile(profileFile(dir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const file = JSON.parse(text) as ProfileFile;
    if (file.v !== FORMAT_VERSION || typeof file.secrets !== 'string' || typeof file.username !== 'string') throw new Error('shape');
    return file;
  } catch {
    throw new ProfileDamagedError(profileFile(dir));
  }
}

function aadFor(header: ProfileHeader): Uint8Array {
  return utf8(`teamchat/v1/cli-profile|${header.server}|${header.username}`);
}

export class ProfileFileSecretStore implements SecretStore {
  private constructor(
    private readonly dir: string,
    private header: ProfileHeader,
    private key: Uint8Array,
    private readonly values: Map<string, string>,
  ) {}

  /** A new, empty profile (replacing any file there) for this account. */
  static async create(dir: string, header: ProfileHeader, key: Uint8Array): Promise<ProfileFileSecretStore> {
    const store = new ProfileFileSecretStore(dir, header, key, new Map());
    await store.save();
    return store;
  }

  /** Opens an existing profile; ProfileLockedError when the key is not the one it was sealed with. */
  static async open(dir: string, key: Uint8Array): Promise<ProfileFileSecretStore | undefined> {
    const file = await readProfile(dir);
    if (!file) return undefined;
    const header: ProfileHeader = { server: file.server, username: file.username, kdf: file.kdf };
    let sealed: Uint8Array;
    try {
      sealed = fromBase64(file.secrets, 'profile secrets');
    } catch {
      throw new ProfileDamagedError(profileFile(dir));
    }
    let plain: Uint8Array;
    try {
      plain = aesGcmOpen(key, sealed.subarray(0, GCM_NONCE_BYTES), sealed.subarray(GCM_NONCE_BYTES), aadFor(header));
    } catch (cause) {
      if (!(cause instanceof AuthenticationError)) throw cause;
      throw new ProfileLockedError();
    }
    const values = new Map(Object.entries(JSON.parse(Buffer.from(plain).toString('utf8')) as Record<string, string>));
    plain.fill(0);
    return new ProfileFileSecretStore(dir, header, key, values);
  }

  // Read through to the file: another process on the same profile (a `teamchat watch` beside
  // a `send`) may have refreshed the tokens since, and presenting a spent refresh token ends
  // the sign-in. A write re-reads first and changes only its own key.
  async get(key: string): Promise<string | undefined> {
    await this.reload();
    return this.values.get(key);
  }
  async set(key: string, value: string): Promise<void> {
    await this.reload();
    this.values.set(key, value);
    await this.save();
  }
  async delete(key: string): Promise<void> {
    await this.reload();
    if (this.values.delete(key)) await this.save();
  }

  /** After a passphrase change: the same secrets, with `updates`, sealed under the new kdf's key in one write. */
  async rekey(kdf: KdfParams, key: Uint8Array, updates: Record<string, string>): Promise<void> {
    await this.reload();
    for (const [k, v] of Object.entries(updates)) this.values.set(k, v);
    this.header = { ...this.header, kdf };
    this.key = key;
    await this.save();
  }

  private async reload(): Promise<void> {
    const fresh = await ProfileFileSecretStore.open(this.dir, this.key).catch(() => undefined);
    // Another account's profile written over this one, or a damaged file: keep what we hold.
    if (!fresh || fresh.header.server !== this.header.server || fresh.header.username !== this.header.username) return;
    this.values.clear();
    for (const [k, v] of fresh.values) this.values.set(k, v);
  }

  private async save(): Promise<void> {
    const plain = utf8(JSON.stringify(Object.fromEntries(this.values)));
    const sealed = sealWithFreshNonce(this.key, plain, aadFor(this.header));
    plain.fill(0);
    const file: ProfileFile = { v: FORMAT_VERSION, ...this.header, secrets: toBase64(sealed) };
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // Write then rename, so a crash or a second process never leaves half a file.
    const target = profileFile(this.dir);
    const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temporary, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
    await rename(temporary, target);
  }
}
