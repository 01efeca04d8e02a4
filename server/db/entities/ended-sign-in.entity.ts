import { defineEntity, type InferEntity } from '@mikro-orm/core';

const p = defineEntity.properties;

/**
 * A sign-in (refresh-token family) ended before its access tokens expire: by deactivation or
 * a passphrase change. Kept one access-token lifetime, so every process refuses those tokens.
 */
export const EndedSignIn = defineEntity({
  name: 'EndedSignIn',
  tableName: 'ended_sign_ins',
  properties: {
    familyId: p.uuid().primary(),
    username: p.string().length(32),
    endedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
  },
  indexes: [{ properties: ['endedAt'], name: 'ended_sign_ins_ended_at_index' }],
});
export type EndedSignIn = InferEntity<typeof EndedSignIn>;
