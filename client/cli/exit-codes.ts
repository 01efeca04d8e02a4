// Exit codes scripts can rely on, one per kind of failure (documented in `teamchat --help`).

import { WrongPassphraseError } from '../../common/crypto';
import { UsernameTakenError, WrongCredentialsError } from '../keys/account';
import { WrongCurrentPassphraseError } from '../keys/change-passphrase';
import { WeakPassphraseError } from '../keys/passphrase-rule';
import { MistypedRecoveryKeyError, WrongRecoveryKeyError } from '../keys/recovery-key';
import { NoSuchUsersError } from '../groups/group-creation';
import {
  AmbiguousGroupError,
  GroupNotFoundError,
  GroupVerificationError,
  InvalidGroupTextError,
  NotAllowedByLogError,
  KeyChangedError,
  MissingGroupKeyError,
  NotAMemberError,
  NotSignedInError,
  ProtocolError,
  ServerError,
  ServerUnreachableError,
  SignedOutError,
} from '../errors';
import { InvalidServerUrlError } from '../api/server-url';
import { InviteLinkError } from '../admin/invite-link';
import { ProfileDamagedError, ProfileLockedError } from '../secrets/profile-file-secret-store';
import { NoPassphraseError, NoServerError, UsageError } from './cli-errors';
import { OtherServerError } from './profile';

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  refused: 5,
  keyChanged: 6,
  unreachable: 7,
  unverified: 8,
} as const;

export const EXIT_CODES_HELP = `Exit codes: 0 ok, 1 other failure, 2 usage error, 3 not signed in or wrong passphrase or recovery key,
4 not found, 5 refused by the server (conflict or not allowed), 6 a person's keys changed,
7 server unreachable, 8 the group's signed log did not verify or the server disagrees with it.`;

export function exitCodeFor(error: unknown): number {
  if (
    error instanceof UsageError || error instanceof InvalidServerUrlError || error instanceof AmbiguousGroupError
    || error instanceof NoServerError || error instanceof NoPassphraseError || error instanceof OtherServerError
    || error instanceof WeakPassphraseError || error instanceof InvalidGroupTextError || error instanceof MistypedRecoveryKeyError
    || error instanceof InviteLinkError
  ) return EXIT.usage;
  if (
    error instanceof NotSignedInError || error instanceof SignedOutError || error instanceof WrongCredentialsError
    || error instanceof WrongCurrentPassphraseError || error instanceof ProfileLockedError || error instanceof WrongPassphraseError || error instanceof ProfileDamagedError
    || error instanceof WrongRecoveryKeyError
  ) return EXIT.auth;
  if (error instanceof GroupNotFoundError || error instanceof NotAMemberError || error instanceof NoSuchUsersError) return EXIT.notFound;
  if (error instanceof KeyChangedError) return EXIT.keyChanged;
  if (error instanceof GroupVerificationError) return EXIT.unverified;
  if (error instanceof NotAllowedByLogError) return EXIT.refused;
  if (error instanceof ServerUnreachableError || error instanceof ProtocolError) return EXIT.unreachable;
  if (error instanceof UsernameTakenError || error instanceof MissingGroupKeyError) return EXIT.refused;
  if (error instanceof ServerError) {
    if (error.status === 401) return EXIT.auth;
    if (error.status === 404) return EXIT.notFound;
    if (error.status === 400 || error.status === 413) return EXIT.usage;
    if (error.status === 403 || error.status === 409 || error.status === 429) return EXIT.refused;
  }
  return EXIT.failure;
}
