// Every failure of the crypto core is one of these, so callers can show "could not be
// decrypted" / "signature does not match" without parsing messages. Messages never carry
// key material or plaintext.

export class TeamChatCryptoError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Authenticated decryption failed, or the structure is too damaged to try. */
export class DecryptionError extends TeamChatCryptoError {}

/** AES-256-GCM refused to open: the data is damaged, or sealed under another key or aad. */
export class AuthenticationError extends DecryptionError {
  constructor(options?: { cause?: unknown }) {
    super('The data did not authenticate: it is damaged, or it was sealed with another key.', options);
  }
}

/** A key vault did not open under the key derived from the passphrase. */
export class WrongPassphraseError extends DecryptionError {
  constructor(options?: { cause?: unknown }) {
    super('The passphrase is wrong (or the stored key vault is damaged); check the passphrase and try again.', options);
  }
}

/** A signature did not verify under the expected signer's public key. */
export class SignatureError extends TeamChatCryptoError {}

/** A structure carries a version byte this client does not understand. */
export class VersionError extends TeamChatCryptoError {
  constructor(what: string, readonly version: number | undefined, options?: { cause?: unknown }) {
    super(
      version === undefined
        ? `The ${what} is empty; it cannot be read.`
        : `The ${what} has format version ${version}, which this TeamChat does not support; update TeamChat.`,
      options,
    );
  }
}

/** An argument is malformed or weaker than the protocol allows. */
export class ParameterError extends TeamChatCryptoError {}
