// The recovery key on the client: made here (32 random bytes, shown once as text), it seals
// the same identity keys as the passphrase does, under a kek of its own; with it, a
// forgotten passphrase is replaced and the account keeps its identity, so group keys,
// history and safety numbers are unchanged. The server gets the sealed vault and the
// recovery auth key (of which it keeps a hash), never the key.

import { timingSafeEqual } from 'node:crypto';
import {
  DecryptionError, RecoveryKeyTypoError, deriveAccountKeys, deriveRecoveryKeys, formatRecoveryKey, newKdfParams, newRecoveryKey, openKeyVault,
  parseRecoveryKey, sealKeyVault, toBase64,
} from '../../common/crypto';
import type { ApiClient } from '../api/api-client';
import { isServerError, TeamChatClientError } from '../errors';
import { Session } from '../session/session';
import type { SignedInAccount } from './account';
import { WrongCurrentPassphraseError } from './change-passphrase';
import { assertNewPassphrase } from './passphrase-rule';

export class WrongRecoveryKeyError extends TeamChatClientError {
  constructor() {
    super('The username or recovery key is wrong; check both and try again. Nothing was changed.');
  }
}

/** Caught by the key's check letters, before anything is sent. */
export class MistypedRecoveryKeyError extends TeamChatClientError {}

/** The server gave a recovery vault that this key's auth key unlocked but whose seal does not open: it was changed there. */
export class RecoveryVaultDamagedError extends TeamChatClientError {
  constructor(options?: { cause?: unknown }) {
    super('The recovery vault stored on the server is damaged or was changed there, so it does not open with your recovery key; nothing was changed. Tell the server admin.', options);
  }
}

/** Seals the account's keys under a new recovery key and stores it; `currentAuthKey` proves the passphrase. Returns the key as text. */
export async function storeNewRecoveryKey(api: ApiClient, account: SignedInAccount, currentAuthKey = account.authKey): Promise<string> {
  const key = newRecoveryKey();
  const { kek, authKey } = deriveRecoveryKeys(key);
  const recoveryVaultB64 = sealKeyVault(kek, account.identity, account.username, 'recovery');
  // What is stored must open, or the key would be worthless the day it is needed.
  openKeyVault(kek, recoveryVaultB64, account.username, 'recovery');
  try {
    await api.setRecoveryKey({ currentAuthKeyB64: toBase64(currentAuthKey), recoveryAuthKeyB64: toBase64(authKey), recoveryVaultB64 });
  } catch (error) {
    if (isServerError(error, 'wrong_passphrase')) throw new WrongCurrentPassphraseError();
    throw error;
  }
  const text = formatRecoveryKey(key);
  key.fill(0);
  return text;
}

/** A new recovery key, once the current passphrase checks out; the one before stops working. */
export async function createRecoveryKey(api: ApiClient, account: SignedInAccount, currentPassphrase: string): Promise<string> {
  const proof = await deriveAccountKeys(currentPassphrase, account.kdf);
  if (!timingSafeEqual(proof.authKey, account.authKey)) throw new WrongCurrentPassphraseError();
  return storeNewRecoveryKey(api, account, proof.authKey);
}

/** Removes the recovery key, once the current passphrase checks out: a forgotten passphrase then loses the history. */
export async function removeRecoveryKey(api: ApiClient, account: SignedInAccount, currentPassphrase: string): Promise<void> {
  const proof = await deriveAccountKeys(currentPassphrase, account.kdf);
  if (!timingSafeEqual(proof.authKey, account.authKey)) throw new WrongCurrentPassphraseError();
  await api.removeRecoveryKey(toBase64(proof.authKey)).catch((error: unknown) => {
    throw isServerError(error, 'wrong_passphrase') ? new WrongCurrentPassphraseError() : error;
  });
}

/** The key's bytes from what the user typed; a typo is caught here, before any request. */
export function readRecoveryKey(typed: string): Uint8Array {
  try {
    return parseRecoveryKey(typed);
  } catch (error) {
    if (error instanceof RecoveryKeyTypoError) throw new MistypedRecoveryKeyError(error.message);
    throw error;
  }
}

/**
 * Opens the recovery vault with the recovery key, seals the same keys under a new passphrase
 * (new salt) and sets it; every other sign-in ends. The recovery key stays valid.
 */
export async function recoverAccount(api: ApiClient, username: string, typedKey: string, newPassphrase: string): Promise<SignedInAccount> {
  assertNewPassphrase(newPassphrase);
  const key = readRecoveryKey(typedKey);
  const recovery = deriveRecoveryKeys(key);
  key.fill(0);
  const recoveryAuthKeyB64 = toBase64(recovery.authKey);
  const wrongKey = (error: unknown) => {
    throw isServerError(error, 'invalid_recovery_key') ? new WrongRecoveryKeyError() : error;
  };
  const { recoveryVaultB64 } = await api.recoveryVault(username, recoveryAuthKeyB64).catch(wrongKey);
  let identity;
  try {
    identity = openKeyVault(recovery.kek, recoveryVaultB64, username, 'recovery');
  } catch (error) {
    if (error instanceof DecryptionError) throw new RecoveryVaultDamagedError({ cause: error });
    throw error;
  } finally {
    recovery.kek.fill(0);
  }
  const kdf = newKdfParams();
  const { authKey, kek } = await deriveAccountKeys(newPassphrase, kdf);
  const keyVaultB64 = sealKeyVault(kek, identity, username);
  openKeyVault(kek, keyVaultB64, username);
  const tokens = await api.recoveryReset({ username, recoveryAuthKeyB64, kdf, authKeyB64: toBase64(authKey), keyVaultB64 }).catch(wrongKey);
  return { username, kdf, identity, authKey, kek, keyVaultB64, session: Session.fromTokens(api.server, username, tokens) };
}
