import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { User } from './user.entity';

const p = defineEntity.properties;

/**
 * Only the SHA-256 of a refresh token is kept, so a database dump cannot sign anyone in. A
 * refresh spends a token (spentAt) and issues the next in the same family (one sign-in); a
 * spent token presented again means a copy is in other hands, and the whole family is spent.
 */
export const RefreshToken = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_tokens',
  properties: {
    tokenHash: p.string().length(64).primary(),
    user: p.manyToOne(User).fieldName('username').deleteRule('cascade'),
    familyId: p.uuid(),
    spentAt: p.datetime().nullable(),
    expiresAt: p.datetime(),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
  },
  indexes: [
    { properties: ['user'], name: 'refresh_tokens_username_index' },
    { properties: ['familyId'], name: 'refresh_tokens_family_id_index' },
  ],
});
export type RefreshToken = InferEntity<typeof RefreshToken>;
