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

export const groupNotFound = () => notFound('group_not_found', 'No such group, or you are not a member of it.');
