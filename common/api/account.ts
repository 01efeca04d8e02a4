import { Type, type Static } from 'typebox';
import { AuthKeyB64, Kdf, TokenPair } from './auth';
import { Base64, CLOSED, MAX_KEY_B64_CHARS } from './primitives';

/**
 * A new passphrase: the current authKey proves the old one, and the rest is what register
 * sends for it (new salt, new authKey, the same keys sealed again), so the server never sees
 * either passphrase.
 */
export const ChangePassphraseBody = Type.Object({
  currentAuthKeyB64: AuthKeyB64,
  kdf: Kdf,
  authKeyB64: AuthKeyB64,
  keyVaultB64: Base64(MAX_KEY_B64_CHARS, 'the same private keys sealed under the new kek'),
}, CLOSED);
export type ChangePassphraseBody = Static<typeof ChangePassphraseBody>;
/** @alias: every other sign-in is ended, so the caller gets tokens of a new one. */
export const ChangePassphraseAnswer = TokenPair;
export type ChangePassphraseAnswer = TokenPair;
