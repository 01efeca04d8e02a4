import { ApiError } from '../../common/api';

/**
 * The error answers a signed-in route can give, each a JSON {error, message}. Listing them on
 * every route documents them on /docs and has the serializer strip anything else.
 */
export const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 413: ApiError, 500: ApiError };

/** The error answers of the rate-limited routes that sign in, before there is a user. */
export const signInErrors = { 400: ApiError, 401: ApiError, 403: ApiError, 409: ApiError, 413: ApiError, 429: ApiError, 500: ApiError };

/** Routes that need an access token say so on /docs. */
export const security = [{ bearer: [] }];
