import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Group } from './group.entity';
import { User } from './user.entity';

const p = defineEntity.properties;

export const GroupMembership = defineEntity({
  name: 'GroupMembership',
  tableName: 'group_memberships',
  properties: {
    group: p.manyToOne(Group).primary().fieldName('group_id').deleteRule('cascade'),
    user: p.manyToOne(User).primary().fieldName('username').deleteRule('cascade'),
    isAdmin: p.boolean().default(false),
    joinedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    readSeq: p.bigint('number').default(0),
    /** What the other members may see of readSeq; null while the member withholds it. */
    sharedReadSeq: p.bigint('number').nullable(),
  },
  indexes: [{ properties: ['user'], name: 'group_memberships_username_index' }],
});
export type GroupMembership = InferEntity<typeof GroupMembership>;
