import { randomBytes } from 'node:crypto';
import { createIdentity, newKdfParams, sealKeyVault, type Identity, type KdfParams } from '../../../common/crypto';
import { ApiClient } from '../../../client/api/api-client';
import { loginWithKeys, MemorySecretStore, TeamChatClient, type SecretStore, type TeamChatClientOptions } from '../../../client';
import { call, expectStatus } from './api';

export interface Account {
  username: string;
  token: string;
  refreshToken: string;
  authKeyB64: string;
  kdf: KdfParams;
  kek: Uint8Array;
  identity: Identity;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * Registers and signs in a user the way the client does, minus the passphrase: the
 * authKey and kek are random (the suite is not about Argon2id, and CPU is scarce), the
 * identity and key vault are real.
 */
export async function createAccount(baseUrl: string, username: string): Promise<Account> {
  const identity = createIdentity();
  const authKeyB64 = b64(randomBytes(32));
  const kdf = newKdfParams();
  const kek = new Uint8Array(randomBytes(32));
  const registered = await call(baseUrl, 'POST', '/api/auth/register', {
    body: {
      username,
      kdf,
      authKeyB64,
      encryptionPublicKeyB64: b64(identity.encryptionPublicKey),
      signingPublicKeyB64: b64(identity.signingPublicKey),
      keyVaultB64: sealKeyVault(kek, identity, username),
    },
  });
  expectStatus(registered, 201, `register ${username}`);
  return { username, identity, authKeyB64, kdf, kek, ...(await signIn(baseUrl, username, authKeyB64)) };
}

/**
 * The real client core (client/) signed in as `account`, with its own session. Pass the
 * same `store` again to model the same user restarting: pinned keys live in it.
 */
export async function startTeamChatClient(baseUrl: string, account: Account, store: SecretStore = new MemorySecretStore(),
  options: TeamChatClientOptions = {}): Promise<TeamChatClient> {
  const signedIn = await loginWithKeys(new ApiClient(baseUrl), account.username, account.kdf, Buffer.from(account.authKeyB64, 'base64'), account.kek);
  return TeamChatClient.start(baseUrl, signedIn, store, options);
}

export async function signIn(baseUrl: string, username: string, authKeyB64: string): Promise<{ token: string; refreshToken: string }> {
  const login = await call(baseUrl, 'POST', '/api/auth/login', { body: { username, authKeyB64 } });
  expectStatus(login, 200, `login ${username}`);
  const { accessToken, refreshToken } = login.json as { accessToken: string; refreshToken: string };
  return { token: accessToken, refreshToken };
}

/** Runs `work` over `items` with at most `width` in flight (server-side Argon2id is heavy). */
export async function inBatches<T, R>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  });
  await Promise.all(lanes);
  return results;
}
