import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { StoredFile } from './stored-file.entity';

const p = defineEntity.properties;

/** One encrypted chunk of a file, as the uploader sealed it (docs/files.md). */
export const FileChunk = defineEntity({
  name: 'FileChunk',
  tableName: 'file_chunks',
  properties: {
    file: p.manyToOne(StoredFile).primary().fieldName('file_id').deleteRule('cascade'),
    idx: p.integer().primary(),
    data: p.blob(),
  },
});
export type FileChunk = InferEntity<typeof FileChunk>;
