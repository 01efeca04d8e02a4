import { NotSignedInError, TeamChatClientError } from '../errors';

/** The command line itself is wrong; the message says how to write it. */
export class UsageError extends TeamChatClientError {}

export function notSignedInWithProfile(profileDir: string): NotSignedInError {
  return new NotSignedInError(
    `No one is signed in with the profile ${profileDir}; run "teamchat login <username>" (or "teamchat register <username>").`,
  );
}

export class NoPassphraseError extends TeamChatClientError {
  constructor() {
    super('A passphrase is needed and there is no terminal to ask for it; set TEAMCHAT_PASSPHRASE.');
  }
}

export class NoServerError extends TeamChatClientError {
  constructor() {
    super('Which server? Pass --server <url> or set TEAMCHAT_SERVER.');
  }
}
