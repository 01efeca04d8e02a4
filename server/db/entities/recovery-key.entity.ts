import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { User } from './user.entity';

const p = defineEntity.properties;

/**
 * A user's recovery key, as the server may hold it: the key vault sealed under a kek derived
 * from the recovery key (which only the user has), and the SHA-256 of the recovery auth key.
 * Neither opens the vault nor signs anyone in. One per user: a new key replaces the row.
 */
export const RecoveryKey = defineEntity({
  name: 'RecoveryKey',
  tableName: 'recovery_keys',
  properties: {
    user: p.oneToOne(User).fieldName('username').primary().deleteRule('cascade'),
    authKeyHash: p.blob(),
    keyVault: p.blob(),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
  },
});
export type RecoveryKey = InferEntity<typeof RecoveryKey>;
