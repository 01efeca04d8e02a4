import { Type, type Static } from 'typebox';

/** Every error answer: a machine code and one sentence for a person. */
export const ApiError = Type.Object({
  error: Type.String({ description: 'machine code, e.g. generation_stale' }),
  message: Type.String({ description: 'one sentence for a person' }),
});
export type ApiError = Static<typeof ApiError>;

/** The error codes the server sends, by status. */
export const ERROR_CODES = {
  400: ['invalid_request', 'weak_kdf', 'invalid_link', 'link_required', 'invalid_invite', 'invalid_setup_code', 'invite_username_mismatch'],
  401: [
    'unauthorized', 'token_expired', 'invalid_credentials', 'invalid_refresh_token', 'refresh_token_reused', 'invalid_recovery_key',
    'session_ended', 'account_deactivated',
  ],
  403: ['not_admin', 'not_sender', 'wrong_passphrase', 'not_server_admin', 'registration_closed', 'invite_required', 'account_deactivated'],
  404: ['not_found', 'group_not_found', 'user_not_found', 'member_not_found', 'message_not_found', 'invite_not_found', 'file_not_found'],
  409: [
    'username_taken', 'group_exists', 'already_member', 'generation_stale', 'generation_conflict',
    'members_changed', 'needs_rotation', 'msgid_conflict', 'last_admin', 'log_conflict', 'log_exists', 'group_name_taken', 'last_server_admin',
    'account_deleted', 'account_inactive', 'direct_message', 'file_exists', 'file_incomplete', 'file_complete', 'file_attached',
  ],
  413: ['payload_too_large', 'file_too_large', 'quota_exceeded'],
  415: ['unsupported_media_type'],
  426: ['upgrade_required'],
  429: ['rate_limited'],
  500: ['internal_error'],
  503: ['database_unavailable'],
} as const;
export type ApiErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES][number];

export function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null
    && typeof (value as ApiError).error === 'string' && typeof (value as ApiError).message === 'string';
}
