// A new passphrase for the signed-in account: Argon2id with a new salt, the same identity keys
// sealed under the new kek, and the current passphrase as proof. Group keys are sealed to the
// identity keys, not to the passphrase, so nothing else changes.

import { timingSafeEqual } from 'node:crypto';
import { deriveAccountKeys, newKdfParams, openKeyVault, sealKeyVault, toBase64 } from '../../common/crypto';
import type { ApiClient } from '../api/api-client';
import { isServerError, TeamChatClientError } from '../errors';
import { Session } from '../session/session';
import type { SignedInAccount } from './account';
import { assertNewPassphrase, WeakPassphraseError } from './passphrase-rule';

export class WrongCurrentPassphraseError extends TeamChatClientError {
  constructor() {
    super('The current passphrase is wrong; nothing was changed.');
  }
}

/** Changes the passphrase on the server, then the account and session held in memory and in the store. */
export async function changePassphrase(api: ApiClient, account: SignedInAccount, session: Session, current: string, next: string): Promise<void> {
  assertNewPassphrase(next);
  if (next.normalize('NFC') === current.normalize('NFC')) throw new WeakPassphraseError('The new passphrase is the current one; choose another.');
  // The kdf this account signed in with; deriving refuses parameters weaker than t=3, 64 MiB, p=4.
  const proof = await deriveAccountKeys(current, account.kdf);
  if (!timingSafeEqual(proof.authKey, account.authKey)) throw new WrongCurrentPassphraseError();
  const kdf = newKdfParams();
  const { authKey, kek } = await deriveAccountKeys(next, kdf);
  const keyVaultB64 = sealKeyVault(kek, account.identity, account.username);
  // What is sent must open, or the account would be locked out of its own keys.
  openKeyVault(kek, keyVaultB64, account.username);
  let tokens;
  try {
    tokens = await api.changePassphrase({ currentAuthKeyB64: toBase64(proof.authKey), kdf, authKeyB64: toBase64(authKey), keyVaultB64 });
  } catch (error) {
    if (isServerError(error, 'wrong_passphrase')) throw new WrongCurrentPassphraseError();
    throw error;
  }
  const stored = Session.fromTokens(api.server, account.username, tokens);
  Object.assign(account, { kdf, authKey, kek, keyVaultB64, session: stored });
  await session.adopt(stored, authKey);
}
