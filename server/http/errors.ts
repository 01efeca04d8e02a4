import type { ApiErrorCode } from '../../common/api';

/** An answer the client can meet and act on: status, machine code, one sentence. */
export class ApiHttpError extends Error {
  constructor(readonly statusCode: number, readonly code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiHttpError';
  }
}

export const badRequest = (code: ApiErrorCode, message: string) => new ApiHttpError(400, code, message);
export const unauthorized = (code: ApiErrorCode, message: string) => new ApiHttpError(401, code, message);
export const forbidden = (code: ApiErrorCode, message: string) => new ApiHttpError(403, code, message);
export const notFound = (code: ApiErrorCode, message: string) => new ApiHttpError(404, code, message);
export const conflict = (code: ApiErrorCode, message: string) => new ApiHttpError(409, code, message);
export const payloadTooLarge = (message: string) => new ApiHttpError(413, 'payload_too_large', message);

/** A group route that makes no sense between two people (add, remove, admins, rename, topic, delete). */
export const notInDirectMessage = (doing: string) =>
  conflict('direct_message', `A direct message stays between its two people, with no admin: nobody can ${doing}. Either of you can leave it.`);

export const groupNotFound = () => notFound('group_not_found', 'No such group, or you are not a member of it.');

export const ACCOUNT_DEACTIVATED_MESSAGE = 'This account was deactivated by a server admin; ask one of them if you think it should not be.';
/** Sign-in, refresh or recovery of a deactivated account (told only once its proof checked out). */
export const accountDeactivated = () => forbidden('account_deactivated', ACCOUNT_DEACTIVATED_MESSAGE);
/** A change proven by the current passphrase's authKey (new passphrase, recovery key) with a wrong one. */
export const wrongPassphrase = () => forbidden('wrong_passphrase', 'The current passphrase is wrong; nothing was changed.');
