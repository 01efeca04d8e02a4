// The queries of encrypted file attachments (docs/files.md). A file row says who uploaded
// how many bytes to which group and which message carries it; its chunks are ciphertext the
// uploader sealed. Each function returns data or an outcome; the route picks the answer.

import type { Knex } from '@mikro-orm/postgresql';
import { FILE_CHUNK_OVERHEAD_BYTES, type UploadStatus } from '../../common/api';

export interface FileLimits {
  /** Largest file, in plaintext bytes. */
  maxFileBytes: number;
  /** Most bytes one user's files may take together; null for no quota. */
  quotaBytes: number | null;
}

export interface NewUpload {
  groupId: string;
  uploader: string;
  fileId: string;
  size: number;
  chunkSize: number;
  chunks: number;
}

interface FileRow {
  id: string;
  group_id: string;
  uploader: string;
  size: string | number;
  chunk_size: number;
  chunks: number;
  status: 'uploading' | 'complete';
  msg_id: string | null;
}

export type CreateOutcome =
  | { kind: 'created' | 'resumed'; status: UploadStatus }
  /** The id is taken by another upload (another group, uploader or shape). */
  | { kind: 'taken' }
  | { kind: 'too-large' }
  | { kind: 'over-quota'; usedBytes: number; quotaBytes: number };

const UNIQUE_VIOLATION = '23505';

/** The exact stored length of chunk `idx`: its plaintext plus what sealing adds. */
export function storedChunkBytes(file: { size: number; chunkSize: number }, idx: number): number {
  return Math.max(0, Math.min(file.chunkSize, file.size - idx * file.chunkSize)) + FILE_CHUNK_OVERHEAD_BYTES;
}

async function fileRow(knex: Knex, fileId: string): Promise<FileRow | undefined> {
  const result = await knex.raw('SELECT id, group_id, uploader, size, chunk_size, chunks, status, msg_id FROM files WHERE id = ?', [fileId]);
  return result.rows[0] as FileRow | undefined;
}

async function statusOf(knex: Knex, row: FileRow): Promise<UploadStatus> {
  const result = await knex.raw('SELECT idx FROM file_chunks WHERE file_id = ? ORDER BY idx', [row.id]);
  return {
    fileId: row.id, size: Number(row.size), chunkSize: row.chunk_size, chunks: row.chunks,
    complete: row.status === 'complete', received: (result.rows as { idx: number }[]).map((r) => r.idx),
  };
}

/** The upload `fileId` of `uploader` in `groupId`, or undefined (someone else's is undefined too). */
export async function uploadStatus(knex: Knex, groupId: string, uploader: string, fileId: string): Promise<UploadStatus | undefined> {
  const row = await fileRow(knex, fileId);
  if (!row || row.group_id !== groupId || row.uploader !== uploader) return undefined;
  return statusOf(knex, row);
}

/** Bytes the user's files take, by their declared plaintext sizes (unfinished uploads too). */
export async function usedBytes(knex: Knex, username: string): Promise<number> {
  const result = await knex.raw('SELECT coalesce(sum(size), 0) AS used FROM files WHERE uploader = ?', [username]);
  return Number(result.rows[0].used);
}

function sameShape(row: FileRow, upload: NewUpload): boolean {
  return row.group_id === upload.groupId && row.uploader === upload.uploader && Number(row.size) === upload.size
    && row.chunk_size === upload.chunkSize && row.chunks === upload.chunks;
}

/**
 * Starts an upload within the per-file limit and the uploader's quota; the same request
 * again (a retry, or a resume) answers the upload as it stands. The user's row is locked so
 * two uploads at once cannot both fit in what is left of the quota.
 */
export async function createUpload(knex: Knex, upload: NewUpload, limits: FileLimits): Promise<CreateOutcome> {
  if (upload.size > limits.maxFileBytes) return { kind: 'too-large' };
  try {
    return await knex.transaction(async (trx) => {
      const existing = await fileRow(trx, upload.fileId);
      if (existing) return sameShape(existing, upload) ? { kind: 'resumed' as const, status: await statusOf(trx, existing) } : { kind: 'taken' as const };
      await trx.raw('SELECT 1 FROM users WHERE username = ? FOR UPDATE', [upload.uploader]);
      const used = await usedBytes(trx, upload.uploader);
      if (limits.quotaBytes !== null && used + upload.size > limits.quotaBytes) {
        return { kind: 'over-quota' as const, usedBytes: used, quotaBytes: limits.quotaBytes };
      }
      await trx.raw(
        `INSERT INTO files (id, group_id, uploader, size, chunk_size, chunks, status) VALUES (?, ?, ?, ?, ?, ?, 'uploading')`,
        [upload.fileId, upload.groupId, upload.uploader, upload.size, upload.chunkSize, upload.chunks],
      );
      return {
        kind: 'created' as const,
        status: { fileId: upload.fileId, size: upload.size, chunkSize: upload.chunkSize, chunks: upload.chunks, complete: false, received: [] },
      };
    });
  } catch (error) {
    // Two first requests for one id racing: the loser's is the retry.
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    const row = await fileRow(knex, upload.fileId);
    return row && sameShape(row, upload) ? { kind: 'resumed', status: await statusOf(knex, row) } : { kind: 'taken' };
  }
}

export type ChunkOutcome = 'stored' | 'not-found' | 'complete' | 'bad-index' | 'bad-length';

/**
 * Stores chunk `idx` of an upload in progress of `uploader`, still a member of its group,
 * at the exact length its upload declared; the same chunk again replaces it (a resume).
 * One statement when it goes through; only a refusal costs a second look, to say why.
 */
export async function putChunk(knex: Knex, groupId: string, uploader: string, fileId: string, idx: number, data: Buffer): Promise<ChunkOutcome> {
  const stored = await knex.raw(
    `INSERT INTO file_chunks (file_id, idx, data)
     SELECT f.id, ?, ? FROM files f JOIN group_memberships m ON m.group_id = f.group_id AND m.username = f.uploader
      WHERE f.id = ? AND f.group_id = ? AND f.uploader = ? AND f.status = 'uploading' AND ? < f.chunks
        AND ? = least(f.chunk_size, greatest(0, f.size - ?::bigint * f.chunk_size)) + ${FILE_CHUNK_OVERHEAD_BYTES}
     ON CONFLICT (file_id, idx) DO UPDATE SET data = EXCLUDED.data
     RETURNING idx`,
    [idx, data, fileId, groupId, uploader, idx, data.byteLength, idx],
  );
  if (stored.rows.length === 1) return 'stored';
  const row = await fileRow(knex, fileId);
  if (!row || row.group_id !== groupId || row.uploader !== uploader) return 'not-found';
  if (row.status === 'complete') return 'complete';
  if (idx >= row.chunks) return 'bad-index';
  if (data.byteLength !== storedChunkBytes({ size: Number(row.size), chunkSize: row.chunk_size }, idx)) return 'bad-length';
  return 'not-found';
}

export type CompleteOutcome = { kind: 'complete'; status: UploadStatus } | { kind: 'not-found' } | { kind: 'incomplete'; missing: number };

/** Marks an upload whose every chunk is in as complete; a complete one answers as it is. */
export async function completeUpload(knex: Knex, groupId: string, uploader: string, fileId: string): Promise<CompleteOutcome> {
  const row = await fileRow(knex, fileId);
  if (!row || row.group_id !== groupId || row.uploader !== uploader) return { kind: 'not-found' };
  const counted = await knex.raw('SELECT count(*)::int AS n FROM file_chunks WHERE file_id = ?', [fileId]);
  const missing = row.chunks - counted.rows[0].n;
  if (missing > 0) return { kind: 'incomplete', missing };
  await knex.raw(`UPDATE files SET status = 'complete' WHERE id = ?`, [fileId]);
  return { kind: 'complete', status: await statusOf(knex, { ...row, status: 'complete' }) };
}

/** Drops an upload not yet carried by a message (a cancel); true when there was one. */
export async function dropUpload(knex: Knex, groupId: string, uploader: string, fileId: string): Promise<'dropped' | 'not-found' | 'attached'> {
  const row = await fileRow(knex, fileId);
  if (!row || row.group_id !== groupId || row.uploader !== uploader) return 'not-found';
  if (row.msg_id !== null) return 'attached';
  await knex.raw('DELETE FROM files WHERE id = ? AND msg_id IS NULL', [fileId]);
  return 'dropped';
}

/** Why a file cannot be attached to a new message of `sender`, or undefined when it can. */
export async function attachProblem(knex: Knex, groupId: string, sender: string, fileId: string, msgId: string): Promise<'not-found' | 'incomplete' | 'attached' | undefined> {
  const row = await fileRow(knex, fileId);
  if (!row || row.group_id !== groupId || row.uploader !== sender) return 'not-found';
  if (row.status !== 'complete') return 'incomplete';
  if (row.msg_id !== null && row.msg_id !== msgId) return 'attached';
  return undefined;
}

/** A complete file of `groupId` a member may download: how many chunks it has. */
export async function downloadable(knex: Knex, groupId: string, fileId: string): Promise<{ chunks: number } | undefined> {
  const row = await fileRow(knex, fileId);
  if (!row || row.group_id !== groupId || row.status !== 'complete') return undefined;
  return { chunks: row.chunks };
}

/** The first stored chunk of `fileId` at or after `idx`: one row, so a download never holds the whole file. */
export async function chunkFrom(knex: Knex, fileId: string, idx: number): Promise<{ idx: number; data: Buffer } | undefined> {
  const result = await knex.raw('SELECT idx, data FROM file_chunks WHERE file_id = ? AND idx >= ? ORDER BY idx LIMIT 1', [fileId, idx]);
  return result.rows[0] as { idx: number; data: Buffer } | undefined;
}

/** Drops the uploads no message carries that were started more than `seconds` ago; how many. */
export async function dropUnsentUploads(knex: Knex, seconds: number): Promise<number> {
  const result = await knex.raw(`DELETE FROM files WHERE msg_id IS NULL AND created_at < now() - make_interval(secs => ?)`, [seconds]);
  return result.rowCount ?? 0;
}
