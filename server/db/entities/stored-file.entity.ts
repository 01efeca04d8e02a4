import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Group } from './group.entity';
import { User } from './user.entity';

const p = defineEntity.properties;

/**
 * An encrypted file attachment (docs/files.md): who uploaded it to which group, its declared
 * plaintext size and chunk count, and the message that carries it once sent. Its name, type,
 * key and hash are inside that message's encrypted envelope, never here.
 */
export const StoredFile = defineEntity({
  name: 'StoredFile',
  tableName: 'files',
  properties: {
    id: p.string().length(32).primary(),
    group: p.manyToOne(Group).fieldName('group_id').deleteRule('cascade'),
    uploader: p.manyToOne(User).fieldName('uploader'),
    size: p.bigint('number'),
    chunks: p.integer(),
    /** Plaintext bytes per chunk, so the server knows each stored chunk's exact length. */
    chunkSize: p.integer(),
    /** 'uploading' until every chunk is in, then 'complete'. */
    status: p.string().length(16),
    /** The message carrying it; null until it is sent (unsent uploads are dropped after a while). */
    msgId: p.string().length(32).nullable(),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
  },
  indexes: [
    { properties: ['group', 'msgId'], name: 'files_group_id_msg_id_index' },
    { properties: ['uploader'], name: 'files_uploader_index' },
    { properties: ['createdAt'], name: 'files_created_at_index' },
  ],
});
export type StoredFile = InferEntity<typeof StoredFile>;
