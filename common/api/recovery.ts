import { Type, type Static } from 'typebox';
import { AuthKeyB64, Kdf, TokenPair } from './auth';
import { Base64, CLOSED, MAX_KEY_B64_CHARS, Username } from './primitives';

/**
 * A new recovery key for the signed-in account: the current authKey proves the passphrase,
 * and the key itself stays on the client. The server keeps the vault sealed under it and a
 * hash of its auth key; an earlier recovery key stops working.
 */
export const SetRecoveryKeyBody = Type.Object({
  currentAuthKeyB64: AuthKeyB64,
  recoveryAuthKeyB64: AuthKeyB64,
  recoveryVaultB64: Base64(MAX_KEY_B64_CHARS, 'the same private keys sealed under the recovery kek'),
}, CLOSED);
export type SetRecoveryKeyBody = Static<typeof SetRecoveryKeyBody>;

/** Removes the recovery key: a forgotten passphrase then loses the account's history. */
export const RemoveRecoveryKeyBody = Type.Object({ currentAuthKeyB64: AuthKeyB64 }, CLOSED);
export type RemoveRecoveryKeyBody = Static<typeof RemoveRecoveryKeyBody>;

/** Whether the signed-in account has a recovery key, and since when. */
export const RecoveryKeyStatus = Type.Object({
  exists: Type.Boolean(),
  createdAt: Type.Optional(Type.String({ format: 'date-time', description: 'ISO 8601, UTC' })),
});
export type RecoveryKeyStatus = Static<typeof RecoveryKeyStatus>;

/** Without the passphrase: the recovery auth key proves the recovery key. */
export const RecoveryVaultBody = Type.Object({ username: Username, recoveryAuthKeyB64: AuthKeyB64 }, CLOSED);
export type RecoveryVaultBody = Static<typeof RecoveryVaultBody>;
export const RecoveryVaultAnswer = Type.Object({ recoveryVaultB64: Type.String({ description: 'the private keys sealed under the recovery kek' }) });
export type RecoveryVaultAnswer = Static<typeof RecoveryVaultAnswer>;

/** A new passphrase set with the recovery key: what change-passphrase sends, proven by the recovery auth key instead. */
export const RecoveryResetBody = Type.Object({
  username: Username,
  recoveryAuthKeyB64: AuthKeyB64,
  kdf: Kdf,
  authKeyB64: AuthKeyB64,
  keyVaultB64: Base64(MAX_KEY_B64_CHARS, 'the same private keys sealed under the new kek'),
}, CLOSED);
export type RecoveryResetBody = Static<typeof RecoveryResetBody>;
/** @alias: every other sign-in is ended, so the caller gets tokens of a new one. */
export const RecoveryResetAnswer = TokenPair;
export type RecoveryResetAnswer = TokenPair;
