import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Group } from './group.entity';
import { User } from './user.entity';

const p = defineEntity.properties;

export const GroupMessage = defineEntity({
  name: 'GroupMessage',
  tableName: 'group_messages',
  properties: {
    group: p.manyToOne(Group).primary().fieldName('group_id').deleteRule('cascade'),
    seq: p.bigint('number').primary(),
    msgId: p.string().length(32),
    sender: p.manyToOne(User).fieldName('sender'),
    generation: p.integer(),
    encryptedBlob: p.blob(),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    editOf: p.string().length(32).nullable(),
    deleteOf: p.string().length(32).nullable(),
    editedAt: p.datetime().nullable(),
    deletedAt: p.datetime().nullable(),
    /** Opaque thread tag (docs/threads.md); null outside threads. */
    threadTag: p.string().length(64).nullable(),
  },
  uniques: [{ properties: ['group', 'msgId'] }],
  indexes: [{ properties: ['group', 'threadTag', 'seq'], name: 'group_messages_thread_tag_index' }],
});
export type GroupMessage = InferEntity<typeof GroupMessage>;
