// Sign up and sign in: the one place the passphrase is used. Argon2id runs once here; the
// derived authKey (to sign in again when a refresh token is spent) and the identity opened
// from the key vault are what the rest of the client keeps, never the passphrase.

import {
  createIdentity,
  deriveAccountKeys,
  newKdfParams,
  openKeyVault,
  sealKeyVault,
  toBase64,
  type Identity,
  type KdfParams,
} from '../../common/crypto';
import type { ApiClient } from '../api/api-client';
import { AccountDeactivatedError, isServerError, TeamChatClientError } from '../errors';
import { Session, type StoredSession } from '../session/session';
import { assertNewPassphrase } from './passphrase-rule';

export class WrongCredentialsError extends TeamChatClientError {
  constructor() {
    super('The username or passphrase is wrong; check both and try again.');
  }
}

export class UsernameTakenError extends TeamChatClientError {
  constructor(username: string) {
    super(`The username ${username} is taken on this server; choose another, or sign in if it is yours.`);
  }
}

/** What a sign-in yields and the client keeps in memory. */
export interface SignedInAccount {
  username: string;
  kdf: KdfParams;
  identity: Identity;
  authKey: Uint8Array;
  kek: Uint8Array;
  keyVaultB64: string;
  session: StoredSession;
}

/** What lets an account in where registration is not open: an invite code, or the server's setup code. */
export interface Admission {
  inviteCode?: string;
  setupCode?: string;
}

export async function signUp(api: ApiClient, username: string, passphrase: string, admission: Admission = {}): Promise<SignedInAccount> {
  assertNewPassphrase(passphrase);
  const kdf = newKdfParams();
  const { authKey, kek } = await deriveAccountKeys(passphrase, kdf);
  const identity = createIdentity();
  const keyVaultB64 = sealKeyVault(kek, identity, username);
  try {
    await api.register({
      username,
      kdf,
      authKeyB64: toBase64(authKey),
      encryptionPublicKeyB64: toBase64(identity.encryptionPublicKey),
      signingPublicKeyB64: toBase64(identity.signingPublicKey),
      keyVaultB64,
      ...(admission.inviteCode ? { inviteCode: admission.inviteCode } : {}),
      ...(admission.setupCode ? { setupCode: admission.setupCode } : {}),
    });
  } catch (error) {
    if (isServerError(error, 'username_taken')) throw new UsernameTakenError(username);
    throw error;
  }
  return loginWithKeys(api, username, kdf, authKey, kek);
}

export async function signIn(api: ApiClient, username: string, passphrase: string): Promise<SignedInAccount> {
  const { kdf } = await api.prelogin(username);
  const { authKey, kek } = await deriveAccountKeys(passphrase, kdf);
  return loginWithKeys(api, username, kdf, authKey, kek);
}

/** Signs in with keys already derived (e.g. from a CLI profile unlocked by the passphrase). */
export async function loginWithKeys(api: ApiClient, username: string, kdf: KdfParams, authKey: Uint8Array, kek: Uint8Array): Promise<SignedInAccount> {
  let answer;
  try {
    answer = await api.login(username, toBase64(authKey));
  } catch (error) {
    if (isServerError(error, 'invalid_credentials')) throw new WrongCredentialsError();
    if (isServerError(error, 'account_deactivated')) throw new AccountDeactivatedError();
    throw error;
  }
  const identity = openKeyVault(kek, answer.user.keyVaultB64, username);
  return {
    username,
    kdf,
    identity,
    authKey,
    kek,
    keyVaultB64: answer.user.keyVaultB64,
    session: Session.fromTokens(api.server, username, answer),
  };
}
