import { defineEntity, type InferEntity } from '@mikro-orm/core';

const p = defineEntity.properties;

/**
 * The one live setup code (id is always 1, so two processes cannot both make one): only its
 * SHA-256 is kept, so a database dump cannot make anyone a server admin. Spent (usedAt) by the
 * registration that made the first server admin.
 */
export const ServerSetup = defineEntity({
  name: 'ServerSetup',
  tableName: 'server_setup',
  properties: {
    id: p.smallint().primary().autoincrement(false),
    codeHash: p.string().length(64),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
  },
});
export type ServerSetup = InferEntity<typeof ServerSetup>;
