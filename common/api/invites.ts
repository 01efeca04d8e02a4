import { Type, type Static } from 'typebox';
import { CLOSED, Timestamp, Username } from './primitives';

/** Who may create an account: anyone, holders of an invite, or nobody (the setup code always works). */
export const REGISTRATION_MODES = ['open', 'invite', 'closed'] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

/** An invite code: 24 random bytes (192 bits), base64url, never starting with - or _; the server keeps only its SHA-256. */
export const INVITE_CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{31}$';
/** The setup code the server prints at its first start: "setup-" and 24 random bytes, base64url. */
export const SETUP_CODE_PATTERN = '^setup-[A-Za-z0-9_-]{32}$';
export const InviteCode = Type.String({ pattern: INVITE_CODE_PATTERN, description: '24 random bytes, base64url' });
export const SetupCode = Type.String({ pattern: SETUP_CODE_PATTERN, description: '"setup-" and 24 random bytes, base64url' });

export const DEFAULT_INVITE_SECONDS = 7 * 86_400;
export const MAX_INVITE_SECONDS = 90 * 86_400;
export const MAX_INVITE_USES = 1000;

/** What a client needs to know before sign-up (no sign-in needed). */
export const ServerInfoAnswer = Type.Object({
  registration: Type.Union([Type.Literal('open'), Type.Literal('invite'), Type.Literal('closed')]),
  setupPending: Type.Boolean({ description: 'no server admin yet: registering with the setup code makes the first one' }),
  memberInvites: Type.Boolean({ description: 'every member may create invites, not only server admins' }),
  maxFileBytes: Type.Optional(Type.Integer({ minimum: 0, description: 'the largest file attachment this server takes, in plaintext bytes (docs/files.md)' })),
});
export type ServerInfoAnswer = Static<typeof ServerInfoAnswer>;

export const AccountInfoAnswer = Type.Object({ username: Username, serverAdmin: Type.Boolean() });
export type AccountInfoAnswer = Static<typeof AccountInfoAnswer>;

export const CreateInviteBody = Type.Object({
  maxUses: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_INVITE_USES, description: 'default 1' })),
  expiresInSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: MAX_INVITE_SECONDS, description: 'default 7 days' })),
  username: Type.Optional(Username),
}, CLOSED);
export type CreateInviteBody = Static<typeof CreateInviteBody>;

export const InviteId = Type.String({ format: 'uuid' });
export const InviteParams = Type.Object({ id: InviteId });
export type InviteParams = Static<typeof InviteParams>;

export const InviteUse = Type.Object({ username: Username, usedAt: Timestamp });
export type InviteUse = Static<typeof InviteUse>;

export const InviteView = Type.Object({
  id: InviteId,
  createdBy: Type.Union([Username, Type.Null()], { description: 'null when that account is gone' }),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  maxUses: Type.Integer(),
  uses: Type.Integer(),
  username: Type.Union([Username, Type.Null()], { description: 'the only name it registers, if fixed' }),
  revoked: Type.Boolean(),
  usedBy: Type.Array(InviteUse),
});
export type InviteView = Static<typeof InviteView>;

/** The code is in this answer only: the server cannot show it again. */
export const CreateInviteAnswer = Type.Object({ code: InviteCode, invite: InviteView });
export type CreateInviteAnswer = Static<typeof CreateInviteAnswer>;

export const InviteListAnswer = Type.Object({ invites: Type.Array(InviteView) });
export type InviteListAnswer = Static<typeof InviteListAnswer>;
