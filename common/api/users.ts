import { Type, type Static } from 'typebox';
import { PublicKeyB64, Username } from './primitives';

export const UserParams = Type.Object({ username: Username });
export type UserParams = Static<typeof UserParams>;

export const PublicUserView = Type.Object({
  username: Username,
  encryptionPublicKeyB64: PublicKeyB64,
  signingPublicKeyB64: PublicKeyB64,
});
export type PublicUserView = Static<typeof PublicUserView>;
