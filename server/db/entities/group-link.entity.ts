import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Group } from './group.entity';

const p = defineEntity.properties;

/**
 * One link of a group's signed log, stored as the canonical text its signer signed and
 * served back byte for byte. The server checks only that it extends the head; clients
 * verify everything else.
 */
export const GroupLinkRow = defineEntity({
  name: 'GroupLinkRow',
  tableName: 'group_links',
  properties: {
    group: p.manyToOne(Group).primary().fieldName('group_id').deleteRule('cascade'),
    seq: p.integer().primary(),
    link: p.text(),
    /** SHA-256 of the link as the protocol defines it, so the next link's prev is checked without rehashing. */
    hash: p.string().length(64),
  },
});
export type GroupLinkRow = InferEntity<typeof GroupLinkRow>;
