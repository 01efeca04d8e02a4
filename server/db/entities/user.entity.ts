import { defineEntity, type InferEntity } from '@mikro-orm/core';
import type { AccountStatus, Kdf } from '../../../common/api';

const p = defineEntity.properties;

/** An account: public keys and the sealed key vault; never anything that decrypts. */
export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    username: p.string().length(32).primary(),
    kdf: p.json<Kdf>(),
    authKeyHash: p.text(),
    encryptionPublicKey: p.blob(),
    signingPublicKey: p.blob(),
    keyVault: p.blob(),
    /** Manages accounts on this server (invites, deactivation); reads nothing, and is no group's admin by it. */
    serverAdmin: p.boolean().default(false),
    /** active, deactivated (signs in nobody until reactivated) or deleted (only the name and public keys stay). */
    status: p.string().length(16).$type<AccountStatus>().default('active'),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
  },
});
export type User = InferEntity<typeof User>;
