// A CLI profile is a folder holding one signed-in account for one server. Every command
// unlocks it with the passphrase: Argon2id once, then the profile key opens tokens, key
// vault and pins. Nothing in it is readable without the passphrase but the header.

import os from 'node:os';
import path from 'node:path';
import { deriveAccountKeys, openKeyVault, type KdfParams } from '../../common/crypto';
import { normalizeServerUrl } from '../api/server-url';
import { TeamChatClientError } from '../errors';
import type { SignedInAccount } from '../keys/account';
import {
  ProfileFileSecretStore,
  profileKeyFromKek,
  readProfileHeader,
} from '../secrets/profile-file-secret-store';
import { getJson, SECRET_KEYS } from '../secrets/secret-store';
import type { StoredSession } from '../session/session';
import { TeamChatClient } from '../teamchat-client';
import { NoServerError, notSignedInWithProfile } from './cli-errors';
import type { PassphraseSource } from './passphrase';

export class OtherServerError extends TeamChatClientError {
  constructor(profileServer: string, wanted: string) {
    super(`This profile is signed in on ${profileServer}, not ${wanted}; use another --profile for that server, or log in again.`);
  }
}

export function defaultProfileDir(): string {
  return path.join(os.homedir(), '.teamchat');
}

export function resolveServer(option: string | undefined, env: NodeJS.ProcessEnv): string {
  const value = option ?? env.TEAMCHAT_SERVER;
  if (!value) throw new NoServerError();
  return normalizeServerUrl(value);
}

/** Saves a fresh sign-in into the profile, keeping the pins if the same account was there before. */
export async function saveSignIn(dir: string, server: string, account: SignedInAccount): Promise<ProfileFileSecretStore> {
  const key = profileKeyFromKek(account.kek);
  const header = await readProfileHeader(dir);
  let store: ProfileFileSecretStore | undefined;
  if (header && header.server === server && header.username === account.username && sameKdf(header.kdf, account.kdf)) {
    store = await ProfileFileSecretStore.open(dir, key).catch(() => undefined);
  }
  store ??= await ProfileFileSecretStore.create(dir, { server, username: account.username, kdf: account.kdf }, key);
  await store.set(SECRET_KEYS.keyVault, account.keyVaultB64);
  return store;
}

function sameKdf(a: KdfParams, b: KdfParams): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Opens the profile with the passphrase and starts a client for its account. */
export async function unlockProfile(dir: string, serverOption: string | undefined, env: NodeJS.ProcessEnv, passphrases: PassphraseSource): Promise<TeamChatClient> {
  const { store, account, server } = await openProfile(dir, serverOption, env, (username) => passphrases.read(`Passphrase for ${username}: `));
  return TeamChatClient.start(server, account, store);
}

/** The profile's store and account, opened with the passphrase `ask` gives. */
export async function openProfile(
  dir: string, serverOption: string | undefined, env: NodeJS.ProcessEnv, ask: (username: string) => Promise<string>,
): Promise<{ store: ProfileFileSecretStore; account: SignedInAccount; server: string }> {
  const header = await readProfileHeader(dir);
  if (!header) throw notSignedInWithProfile(dir);
  const wanted = serverOption ?? env.TEAMCHAT_SERVER;
  if (wanted && normalizeServerUrl(wanted) !== header.server) throw new OtherServerError(header.server, normalizeServerUrl(wanted));
  const passphrase = await ask(header.username);
  const { authKey, kek } = await deriveAccountKeys(passphrase, header.kdf);
  const store = await ProfileFileSecretStore.open(dir, profileKeyFromKek(kek));
  const session = store && (await getJson<StoredSession>(store, SECRET_KEYS.session));
  const keyVaultB64 = store && (await store.get(SECRET_KEYS.keyVault));
  if (!store || !session || !keyVaultB64) throw notSignedInWithProfile(dir);
  const identity = openKeyVault(kek, keyVaultB64, header.username);
  return { store, server: header.server, account: { username: header.username, kdf: header.kdf, identity, authKey, kek, keyVaultB64, session } };
}
