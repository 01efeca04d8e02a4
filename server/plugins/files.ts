import { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ChunkParams, CreateUploadBody, DownloadQuery, FileParams, GroupParams, FileUsageAnswer, MAX_STORED_CHUNK_BYTES, UploadStatus,
} from '../../common/api';
import { chunkCount } from '../../common/messages/file-attachment';
import { ApiHttpError, badRequest, conflict, notFound } from '../http/errors';
import { errors, security } from '../http/route-schema';
import { requireMembership } from '../store/groups';
import {
  chunkFrom, completeUpload, createUpload, downloadable, dropUnsentUploads, dropUpload, putChunk, uploadStatus, usedBytes, type FileLimits,
} from '../store/files';

export interface FilesOptions extends FileLimits {
  /** An upload no message carries is dropped this long after it started. */
  unsentUploadSeconds: number;
}

export const DEFAULT_UNSENT_UPLOAD_SECONDS = 24 * 60 * 60;

/** A download's body: framed sealed chunks, streamed (not serialized). */
const FileStream = Type.Unsafe<Readable>({ type: 'string', format: 'binary', description: 'u32 index, u32 length, sealed chunk; repeated' });

const uploadNotFound = () => notFound('file_not_found', 'No such upload of yours in this group; start the upload again.');

function mib(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

/** One chunk on the wire of a download: u32 index, u32 length, then the sealed chunk. */
function frame(idx: number, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(idx, 0);
  head.writeUInt32BE(data.byteLength, 4);
  return Buffer.concat([head, data]);
}

/**
 * Encrypted file attachments (docs/files.md): an upload is created (within the per-file limit
 * and the uploader's quota), its chunks put one by one (again after a dropped connection),
 * completed, and then carried by a message (fileIds); members download it as a stream.
 */
const files: FastifyPluginAsyncTypebox<FilesOptions> = async (app, options) => {
  app.addHook('onRequest', app.requireUser);
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_STORED_CHUNK_BYTES }, (_request, body, done) => done(null, body));
  const knex = () => app.orm.em.getConnection().getKnex();

  app.post('/api/groups/:id/files', {
    schema: {
      tags: ['files'], summary: 'Start an upload within the per-file limit and your quota (the same request again answers it as it stands)', security,
      params: GroupParams, body: CreateUploadBody, response: { 200: UploadStatus, 201: UploadStatus, ...errors },
    },
  }, async (request, reply) => {
    const { id: groupId } = request.params;
    const { fileId, size, chunkSize, chunks } = request.body;
    if (chunks !== chunkCount(size, chunkSize)) throw badRequest('invalid_request', 'The chunk count does not fit the size and chunk size.');
    await requireMembership(knex(), groupId, request.username);
    const outcome = await createUpload(knex(), { groupId, uploader: request.username, fileId, size, chunkSize, chunks }, options);
    switch (outcome.kind) {
      case 'created': return reply.status(201).send(outcome.status);
      case 'resumed': return reply.status(200).send(outcome.status);
      case 'taken': throw conflict('file_exists', 'Another upload has this fileId; make a new one.');
      case 'too-large': throw new ApiHttpError(413, 'file_too_large', `This server takes files of at most ${mib(options.maxFileBytes)}.`);
      case 'over-quota':
        throw new ApiHttpError(413, 'quota_exceeded', `Your files take ${mib(outcome.usedBytes)} of your ${mib(outcome.quotaBytes)}; delete some before sending this one.`);
    }
  });

  app.get('/api/groups/:id/files/:fileId', {
    schema: {
      tags: ['files'], summary: 'Your upload as it stands: which chunks are in (to resume)', security,
      params: FileParams, response: { 200: UploadStatus, ...errors },
    },
  }, async (request) => {
    await requireMembership(knex(), request.params.id, request.username);
    const status = await uploadStatus(knex(), request.params.id, request.username, request.params.fileId);
    if (!status) throw uploadNotFound();
    return status;
  });

  app.put('/api/groups/:id/files/:fileId/chunks/:idx', {
    bodyLimit: MAX_STORED_CHUNK_BYTES,
    schema: {
      tags: ['files'], summary: 'Put one sealed chunk (application/octet-stream; again replaces it)', security,
      params: ChunkParams, response: { 204: { type: 'null' }, ...errors },
    },
  }, async (request, reply) => {
    const { id: groupId, fileId, idx } = request.params;
    const data = request.body;
    if (!Buffer.isBuffer(data)) throw new ApiHttpError(415, 'unsupported_media_type', 'Send a chunk as application/octet-stream.');
    const outcome = await putChunk(knex(), groupId, request.username, fileId, idx, data);
    // A stranger's answer is the group's 404, as on every group route.
    if (outcome !== 'stored') await requireMembership(knex(), groupId, request.username);
    if (outcome === 'not-found') throw uploadNotFound();
    if (outcome === 'complete') throw conflict('file_complete', 'The upload is complete; its chunks can no longer change.');
    if (outcome === 'bad-index') throw badRequest('invalid_request', 'The chunk index is past the last chunk of this upload.');
    if (outcome === 'bad-length') throw badRequest('invalid_request', 'The chunk does not have the length its upload declared.');
    return reply.status(204).send(null);
  });

  app.post('/api/groups/:id/files/:fileId/complete', {
    schema: {
      tags: ['files'], summary: 'Complete an upload whose every chunk is in; a message can then carry it', security,
      params: FileParams, response: { 200: UploadStatus, ...errors },
    },
  }, async (request) => {
    await requireMembership(knex(), request.params.id, request.username);
    const outcome = await completeUpload(knex(), request.params.id, request.username, request.params.fileId);
    if (outcome.kind === 'not-found') throw uploadNotFound();
    if (outcome.kind === 'incomplete') throw conflict('file_incomplete', `${outcome.missing} chunk(s) of the upload are missing; send them first.`);
    return outcome.status;
  });

  app.delete('/api/groups/:id/files/:fileId', {
    schema: {
      tags: ['files'], summary: 'Drop your upload that no message carries yet (a cancel)', security,
      params: FileParams, response: { 204: { type: 'null' }, ...errors },
    },
  }, async (request, reply) => {
    await requireMembership(knex(), request.params.id, request.username);
    const outcome = await dropUpload(knex(), request.params.id, request.username, request.params.fileId);
    if (outcome === 'not-found') throw uploadNotFound();
    if (outcome === 'attached') throw conflict('file_attached', 'A message carries this file; delete the message to delete the file.');
    return reply.status(204).send(null);
  });

  app.get('/api/groups/:id/files/:fileId/content', {
    schema: {
      tags: ['files'], summary: 'Download a complete file as a stream of framed sealed chunks (u32 index, u32 length, chunk), from ?from=', security,
      params: FileParams, querystring: DownloadQuery, response: { 200: FileStream, ...errors },
    },
  }, async (request, reply) => {
    const { id: groupId, fileId } = request.params;
    await requireMembership(knex(), groupId, request.username);
    const file = await downloadable(knex(), groupId, fileId);
    if (!file) throw notFound('file_not_found', 'No such file in this group (or its message was deleted).');
    const from = request.query.from ?? 0;
    // One chunk from the database at a time, as the client reads: never the whole file in memory.
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let next = from; next < file!.chunks;) {
        const chunk = await chunkFrom(knex(), fileId, next);
        if (!chunk) return;
        yield frame(chunk.idx, chunk.data);
        next = chunk.idx + 1;
      }
    }
    return reply.header('content-type', 'application/octet-stream').header('cache-control', 'no-store').send(Readable.from(chunks(), { objectMode: false }));
  });

  app.get('/api/account/files', {
    schema: { tags: ['files'], summary: 'The per-file limit, your quota and what your files take', security, response: { 200: FileUsageAnswer, ...errors } },
  }, async (request) => ({ maxFileBytes: options.maxFileBytes, quotaBytes: options.quotaBytes, usedBytes: await usedBytes(knex(), request.username) }));

  const cleaner = setInterval(() => {
    dropUnsentUploads(knex(), options.unsentUploadSeconds).catch((error: unknown) => app.log.warn({ err: error }, 'unsent uploads could not be dropped'));
  }, Math.min(10 * 60_000, Math.max(1000, (options.unsentUploadSeconds * 1000) / 4))).unref();
  app.addHook('onClose', async () => clearInterval(cleaner));
};

export default files;
