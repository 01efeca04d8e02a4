import { Type, type Static } from 'typebox';
import { CLOSED, GroupId, MSG_ID_PATTERN } from './primitives';

/** The per-file limit a server sets unless configured otherwise: 25 MiB of plaintext. */
export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;
/** What a client's sealing adds to each chunk (head, nonce, tag: common/crypto/file-chunks.ts). */
export const FILE_CHUNK_OVERHEAD_BYTES = 50;
/** The chunk sizes an envelope allows (common/messages/file-attachment.ts). */
export const MIN_FILE_CHUNK_BYTES = 1024;
export const MAX_FILE_CHUNK_BYTES = 4 * 1024 * 1024;
/** The largest stored chunk the server takes: the largest chunk size, sealed. */
export const MAX_STORED_CHUNK_BYTES = MAX_FILE_CHUNK_BYTES + FILE_CHUNK_OVERHEAD_BYTES;

export const FileId = Type.String({ pattern: MSG_ID_PATTERN, description: '16 random bytes, lowercase hex, chosen by the uploader' });
export const FileParams = Type.Object({ id: GroupId, fileId: FileId });
export type FileParams = Static<typeof FileParams>;
export const ChunkParams = Type.Object({ id: GroupId, fileId: FileId, idx: Type.Integer({ minimum: 0, maximum: 2147483647 }) });
export type ChunkParams = Static<typeof ChunkParams>;

export const CreateUploadBody = Type.Object({
  fileId: FileId,
  size: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'plaintext bytes; the stored chunks may total size + chunks × overhead' }),
  chunkSize: Type.Integer({ minimum: MIN_FILE_CHUNK_BYTES, maximum: MAX_FILE_CHUNK_BYTES, description: 'plaintext bytes per chunk (the last may be shorter)' }),
  chunks: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'max(1, ceil(size / chunkSize))' }),
}, CLOSED);
export type CreateUploadBody = Static<typeof CreateUploadBody>;

export const UploadStatus = Type.Object({
  fileId: FileId,
  size: Type.Integer({ minimum: 0 }),
  chunkSize: Type.Integer({ minimum: 1 }),
  chunks: Type.Integer({ minimum: 1 }),
  complete: Type.Boolean(),
  received: Type.Array(Type.Integer({ minimum: 0 }), { description: 'the chunk indexes stored so far, ascending' }),
});
export type UploadStatus = Static<typeof UploadStatus>;

export const DownloadQuery = Type.Object({
  from: Type.Optional(Type.Integer({ minimum: 0, maximum: 2147483647, description: 'first chunk index to send (resume)' })),
});
export type DownloadQuery = Static<typeof DownloadQuery>;

export const FileUsageAnswer = Type.Object({
  maxFileBytes: Type.Integer({ minimum: 0 }),
  quotaBytes: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'null: no quota' }),
  usedBytes: Type.Integer({ minimum: 0, description: 'what this user\'s uploads may take, by their declared sizes' }),
});
export type FileUsageAnswer = Static<typeof FileUsageAnswer>;
