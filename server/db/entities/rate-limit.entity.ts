import { defineEntity, type InferEntity } from '@mikro-orm/core';

const p = defineEntity.properties;

/**
 * One counter of the sign-in rate limits, shared by every process on the database. The key
 * is an HMAC, under a key from the server's secret, of the route and the client's address:
 * a dump shows how often someone tried, never from where.
 */
export const RateLimit = defineEntity({
  name: 'RateLimit',
  tableName: 'rate_limits',
  properties: {
    key: p.string().length(64).primary(),
    count: p.integer(),
    resetAt: p.datetime(),
  },
  indexes: [{ properties: ['resetAt'], name: 'rate_limits_reset_at_index' }],
});
export type RateLimit = InferEntity<typeof RateLimit>;
