import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Group } from './group.entity';
import { User } from './user.entity';

const p = defineEntity.properties;

/**
 * One member's sealed copy of one generation of a group key. The migration also ties
 * (group_id, username) to the membership, so removing a member removes their copies.
 */
export const GroupMemberKey = defineEntity({
  name: 'GroupMemberKey',
  tableName: 'group_member_keys',
  properties: {
    group: p.manyToOne(Group).primary().fieldName('group_id').deleteRule('cascade'),
    user: p.manyToOne(User).primary().fieldName('username').deleteRule('cascade'),
    generation: p.integer().primary(),
    encryptedGroupKey: p.blob(),
    sealedBy: p.manyToOne(User).fieldName('sealed_by'),
  },
});
export type GroupMemberKey = InferEntity<typeof GroupMemberKey>;
