import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { User } from './user.entity';

const p = defineEntity.properties;

export const Group = defineEntity({
  name: 'Group',
  tableName: 'groups',
  properties: {
    id: p.uuid().primary(),
    name: p.text(),
    /** One line of plain text, as the group's signed log last set it; '' for none. */
    topic: p.text().default(''),
    createdBy: p.manyToOne(User).fieldName('created_by'),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    generation: p.integer().default(1),
    needsRotation: p.boolean().default(false),
    /** The last message sequence number handed out; bumped in the insert's transaction. */
    lastSeq: p.bigint('number').default(0),
    /** The seq of the last link of the group's signed log; 0 for a group made before the log. */
    logSeq: p.integer().default(0),
    /** 'group', or 'dm' for a two-person conversation (its signed log begins with a dm link). */
    kind: p.text().default('group'),
    /** A live direct message's two usernames, sorted, space-separated: one per pair. Null for groups and once one of the two left. */
    dmPair: p.text().fieldName('dm_pair').nullable().unique(),
  },
});
export type Group = InferEntity<typeof Group>;
