import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { User } from './user.entity';

const p = defineEntity.properties;

/**
 * An invite to register: only the SHA-256 of its code is kept, so a database dump holds no
 * usable invite. `uses` is counted in the registration's own transaction.
 */
export const Invite = defineEntity({
  name: 'Invite',
  tableName: 'invites',
  properties: {
    id: p.uuid().primary(),
    codeHash: p.string().length(64).unique(),
    createdBy: p.manyToOne(User).fieldName('created_by').nullable().deleteRule('set null'),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    expiresAt: p.datetime(),
    maxUses: p.integer(),
    uses: p.integer().default(0),
    /** The only username it registers, when fixed; not a foreign key: that account does not exist yet. */
    username: p.string().length(32).nullable(),
    revokedAt: p.datetime().nullable(),
  },
});
export type Invite = InferEntity<typeof Invite>;
