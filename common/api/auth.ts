import { Type, type Static } from 'typebox';
import { InviteCode, SetupCode } from './invites';
import { Base64, CLOSED, MAX_KEY_B64_CHARS, PublicKeyB64, Username } from './primitives';

export const MIN_KDF = { memoryKiB: 65536, iterations: 3, parallelism: 4 } as const;

export const Kdf = Type.Object({
  algorithm: Type.Literal('argon2id'),
  version: Type.Literal(19),
  memoryKiB: Type.Integer({ minimum: 1, maximum: 4194304 }),
  iterations: Type.Integer({ minimum: 1, maximum: 64 }),
  parallelism: Type.Integer({ minimum: 1, maximum: 64 }),
  saltB64: Base64(88, 'at least 16 random bytes'),
}, CLOSED);
export type Kdf = Static<typeof Kdf>;

/** authKey: 32 bytes derived from the passphrase; the server only keeps its own hash of it. */
export const AuthKeyB64 = Type.String({ pattern: '^[A-Za-z0-9+/]{43}=$', description: '32 bytes, base64' });

export const RegisterBody = Type.Object({
  username: Username,
  kdf: Kdf,
  authKeyB64: AuthKeyB64,
  encryptionPublicKeyB64: PublicKeyB64,
  signingPublicKeyB64: PublicKeyB64,
  keyVaultB64: Base64(MAX_KEY_B64_CHARS, 'the private keys sealed under the kek'),
  /** Needed when the server's registration is "invite"; used up with the account in one transaction. */
  inviteCode: Type.Optional(InviteCode),
  /** The code the server printed at its first start: the account becomes the first server admin (any registration mode). */
  setupCode: Type.Optional(SetupCode),
}, CLOSED);
export type RegisterBody = Static<typeof RegisterBody>;
export const RegisterAnswer = Type.Object({ username: Username });
export type RegisterAnswer = Static<typeof RegisterAnswer>;

export const PreloginQuery = Type.Object({ username: Username });
export type PreloginQuery = Static<typeof PreloginQuery>;
export const PreloginAnswer = Type.Object({ kdf: Kdf });
export type PreloginAnswer = Static<typeof PreloginAnswer>;

export const LoginBody = Type.Object({ username: Username, authKeyB64: AuthKeyB64 }, CLOSED);
export type LoginBody = Static<typeof LoginBody>;

export const AccountView = Type.Object({
  username: Username,
  encryptionPublicKeyB64: PublicKeyB64,
  signingPublicKeyB64: PublicKeyB64,
  keyVaultB64: Type.String(),
});
export type AccountView = Static<typeof AccountView>;

/** Refresh tokens: 32 random bytes, base64url without padding. */
export const RefreshToken = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' });

export const TokenPair = Type.Object({
  accessToken: Type.String(),
  refreshToken: RefreshToken,
  expiresIn: Type.Integer({ description: 'seconds until the access token expires' }),
});
export type TokenPair = Static<typeof TokenPair>;

export const LoginAnswer = Type.Object({
  accessToken: Type.String(),
  refreshToken: RefreshToken,
  expiresIn: Type.Integer(),
  user: AccountView,
});
export type LoginAnswer = Static<typeof LoginAnswer>;

export const RefreshBody = Type.Object({ refreshToken: Type.String({ maxLength: 256 }) }, CLOSED);
export type RefreshBody = Static<typeof RefreshBody>;
// Each route names its own schema, so docs/api.md reads by route; these two are the same shape.
/** @alias */
export const RefreshAnswer = TokenPair;
export type RefreshAnswer = TokenPair;
/** @alias */
export const LogoutBody = RefreshBody;
export type LogoutBody = RefreshBody;

export const HealthAnswer = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Union([Type.Literal('postgresql'), Type.Literal('embedded')]),
});
export type HealthAnswer = Static<typeof HealthAnswer>;
