// Errors a client user can meet. Each says what happened and what to do, in one sentence,
// and carries no secret. The CLI maps them to exit codes; the extension to notifications.

import type { ApiErrorCode } from '../common/api';

export class TeamChatClientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The server answered with a JSON error ({error, message}). */
export class ServerError extends TeamChatClientError {
  constructor(readonly status: number, readonly code: ApiErrorCode | string, message: string) {
    super(message);
  }
}

/** The server could not be reached at all (refused, DNS, TLS, socket closed). */
export class ServerUnreachableError extends TeamChatClientError {
  constructor(readonly server: string, options?: { cause?: unknown }) {
    super(`Could not reach the TeamChat server at ${server}; check the address and that the server is running.`, options);
  }
}

/** The server answered with something that is not the protocol. */
export class ProtocolError extends TeamChatClientError {}

/** Something needs a signed-in user and there is none; each front end says how to sign in there. */
export class NotSignedInError extends TeamChatClientError {
  constructor(message = 'This request needs a signed-in session; sign in first.') {
    super(message);
  }
}

/** The session ended (refresh token revoked and no way to sign in again, or reused: a copy is in other hands). */
export class SignedOutError extends TeamChatClientError {
  constructor(message = 'You are signed out; sign in again.') {
    super(message);
  }
}

/** A server admin deactivated or deleted this account: its sign-ins ended, and signing in again is refused. */
export class AccountDeactivatedError extends SignedOutError {
  constructor() {
    super('This account was deactivated by a server admin; ask one of them to reactivate it.');
  }
}

/** A person's public keys differ from the ones pinned on first use. */
export class KeyChangedError extends TeamChatClientError {
  constructor(readonly username: string, readonly pinnedSafetyNumber: string, readonly newSafetyNumber: string) {
    super(
      `The keys of ${username} changed since you first saw them; compare safety numbers with them and accept the new keys before sending them anything.`,
    );
  }
}

export class GroupNotFoundError extends TeamChatClientError {
  constructor(nameOrId: string) {
    super(`No group "${nameOrId}" among your groups; check the name with "teamchat groups".`);
  }
}

export class AmbiguousGroupError extends TeamChatClientError {
  constructor(name: string, ids: string[]) {
    super(`Several of your groups are named "${name}" (${ids.join(', ')}); name the group by its id.`);
  }
}

/** The user does not hold the key needed (removed, or never given that generation). */
export class MissingGroupKeyError extends TeamChatClientError {
  constructor(groupName: string, generation: number) {
    super(`You do not hold key generation ${generation} of "${groupName}"; ask an admin to add you again.`);
  }
}

export class NotAMemberError extends TeamChatClientError {
  constructor(groupName: string, username: string) {
    super(`${username} is not a member of "${groupName}".`);
  }
}

export function isServerError(error: unknown, code?: string): error is ServerError {
  return error instanceof ServerError && (code === undefined || error.code === code);
}

/** The group's signed log failed to verify, or the server's view disagrees with it: nothing is sealed or sent. */
export class GroupVerificationError extends TeamChatClientError {
  constructor(groupName: string, readonly reason: string, problem: string) {
    super(`"${groupName}" cannot be trusted right now: ${problem}`);
  }
}

/** A change to a group that its verified log does not allow (checked before anything is sent). */
export class NotAllowedByLogError extends TeamChatClientError {}

/** A group name or topic that no group log link may carry (checked before anything is signed). */
export class InvalidGroupTextError extends TeamChatClientError {}
