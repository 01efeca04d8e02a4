import { defineEntity, type InferEntity } from '@mikro-orm/core';

const p = defineEntity.properties;

/** One row: the JWT signing secret every process on this database shares. */
export const ServerSecret = defineEntity({
  name: 'ServerSecret',
  tableName: 'server_secret',
  properties: {
    id: p.smallint().primary().autoincrement(false),
    secret: p.blob(),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
  },
});
export type ServerSecret = InferEntity<typeof ServerSecret>;
