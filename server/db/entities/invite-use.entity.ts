import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Invite } from './invite.entity';
import { User } from './user.entity';

const p = defineEntity.properties;

/** Who registered with an invite, and when. */
export const InviteUse = defineEntity({
  name: 'InviteUse',
  tableName: 'invite_uses',
  properties: {
    invite: p.manyToOne(Invite).primary().fieldName('invite_id').deleteRule('cascade'),
    user: p.manyToOne(User).primary().fieldName('username').deleteRule('cascade'),
    usedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
  },
});
export type InviteUse = InferEntity<typeof InviteUse>;
