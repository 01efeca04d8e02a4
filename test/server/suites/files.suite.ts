import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_MAX_FILE_BYTES, FILE_CHUNK_OVERHEAD_BYTES, type FileUsageAnswer, type HistoryPage, type ServerInfoAnswer, type UploadStatus } from '../../../common/api';
import { dropUnsentUploads } from '../../../server/store/files';
import { addMember, blob, call, createGroup, errorCode, newMsgId, signUp, type Session } from '../support/api';
import type { Backend } from '../support/backends';

const CHUNK = 1024;

/** A stand-in sealed chunk of the exact length the server expects for `plain` bytes. */
const sealed = (plain: number) => randomBytes(plain + FILE_CHUNK_OVERHEAD_BYTES);

function putChunk(app: FastifyInstance, who: Session, groupId: string, fileId: string, idx: number, data: Buffer, type = 'application/octet-stream') {
  return call(app, 'PUT', `/api/groups/${groupId}/files/${fileId}/chunks/${idx}`, { token: who.token, body: data, headers: { 'content-type': type } });
}

/** The frames of a download: [index, chunk] pairs. */
function frames(payload: Buffer): [number, Buffer][] {
  const out: [number, Buffer][] = [];
  for (let at = 0; at < payload.byteLength;) {
    const idx = payload.readUInt32BE(at);
    const length = payload.readUInt32BE(at + 4);
    out.push([idx, payload.subarray(at + 8, at + 8 + length)]);
    at += 8 + length;
  }
  return out;
}

export function filesSuite(backend: () => Backend): void {
  const app = () => backend().app;
  const knex = () => app().orm.em.getConnection().getKnex();
  const rows = async (sql: string, params: string[]) => (await knex().raw(sql, params)).rows as Record<string, unknown>[];

  /** A complete upload of `chunks.length` chunks of `alice` in `groupId`. */
  async function upload(who: Session, groupId: string, size = 2 * CHUNK + 10): Promise<{ fileId: string; chunks: Buffer[] }> {
    const fileId = newMsgId();
    const count = Math.max(1, Math.ceil(size / CHUNK));
    const created = await call<UploadStatus>(app(), 'POST', `/api/groups/${groupId}/files`, { token: who.token, body: { fileId, size, chunkSize: CHUNK, chunks: count } });
    assert.equal(created.status, 201, created.body);
    const chunks = Array.from({ length: count }, (_, i) => sealed(Math.min(CHUNK, size - i * CHUNK)));
    for (const [i, data] of chunks.entries()) assert.equal((await putChunk(app(), who, groupId, fileId, i, data)).status, 204);
    assert.equal((await call(app(), 'POST', `/api/groups/${groupId}/files/${fileId}/complete`, { token: who.token })).status, 200);
    return { fileId, chunks };
  }

  function sendWith(who: Session, groupId: string, fileIds: string[], extra: Record<string, unknown> = {}) {
    return call(app(), 'POST', `/api/groups/${groupId}/messages`, { token: who.token, body: { msgId: newMsgId(), generation: 1, encryptedBlobB64: blob(), fileIds, ...extra } });
  }

  describe('files', () => {
    it('an upload: created (201), chunks put (again is fine), its status for resume, completed, carried by a message, streamed back chunk by chunk', async () => {
      const alice = await signUp(app());
      const group = await createGroup(app(), alice);
      const fileId = newMsgId();
      const url = `/api/groups/${group.id}/files/${fileId}`;
      const body = { fileId, size: 3 * CHUNK - 1, chunkSize: CHUNK, chunks: 3 };
      const created = await call<UploadStatus>(app(), 'POST', `/api/groups/${group.id}/files`, { token: alice.token, body });
      assert.equal(created.status, 201);
      assert.deepEqual(created.json, { ...body, complete: false, received: [] });
      const chunks = [sealed(CHUNK), sealed(CHUNK), sealed(CHUNK - 1)];
      assert.equal((await putChunk(app(), alice, group.id, fileId, 2, chunks[2]!)).status, 204);
      assert.equal((await putChunk(app(), alice, group.id, fileId, 0, randomBytes(CHUNK + FILE_CHUNK_OVERHEAD_BYTES))).status, 204);
      assert.equal((await putChunk(app(), alice, group.id, fileId, 0, chunks[0]!)).status, 204, 'the same chunk again replaces it');
      assert.deepEqual((await call<UploadStatus>(app(), 'GET', url, { token: alice.token })).json.received, [0, 2]);
      const early = await call(app(), 'POST', `${url}/complete`, { token: alice.token });
      assert.equal(early.status, 409);
      assert.equal(errorCode(early), 'file_incomplete');
      assert.equal((await putChunk(app(), alice, group.id, fileId, 1, chunks[1]!)).status, 204);
      const again = await call<UploadStatus>(app(), 'POST', `/api/groups/${group.id}/files`, { token: alice.token, body });
      assert.equal(again.status, 200, 'the same create again answers the upload as it stands');
      assert.deepEqual(again.json.received, [0, 1, 2]);
      const done = await call<UploadStatus>(app(), 'POST', `${url}/complete`, { token: alice.token });
      assert.equal(done.status, 200);
      assert.equal(done.json.complete, true);
      const late = await putChunk(app(), alice, group.id, fileId, 1, chunks[1]!);
      assert.equal(late.status, 409);
      assert.equal(errorCode(late), 'file_complete');
      assert.equal((await sendWith(alice, group.id, [fileId])).status, 201);
      const download = await app().inject({ method: 'GET', url: `${url}/content`, headers: { authorization: `Bearer ${alice.token}` } });
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'application/octet-stream');
      assert.deepEqual(frames(download.rawPayload), chunks.map((c, i) => [i, c]));
      const resumed = await app().inject({ method: 'GET', url: `${url}/content?from=2`, headers: { authorization: `Bearer ${alice.token}` } });
      assert.deepEqual(frames(resumed.rawPayload), [[2, chunks[2]]]);
    });

    it('refuses bad uploads with 4xx JSON and changes nothing', async () => {
      const [alice, bob] = [await signUp(app()), await signUp(app())];
      const group = await createGroup(app(), alice);
      await addMember(app(), alice, group.id, bob.username);
      const fileId = newMsgId();
      const create = (body: Record<string, unknown>, who = alice) => call(app(), 'POST', `/api/groups/${group.id}/files`, { token: who.token, body });
      for (const body of [
        { fileId, size: 10, chunkSize: CHUNK, chunks: 2 },
        { fileId: 'short', size: 10, chunkSize: CHUNK, chunks: 1 },
        { fileId, size: 10, chunkSize: 10, chunks: 1 },
        { fileId, size: -1, chunkSize: CHUNK, chunks: 1 },
        { fileId, size: 10, chunkSize: CHUNK, chunks: 1, name: 'leaks.txt' },
      ]) {
        const res = await create(body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(errorCode(res), 'invalid_request');
      }
      assert.equal((await create({ fileId, size: CHUNK + 1, chunkSize: CHUNK, chunks: 2 })).status, 201);
      const taken = await create({ fileId, size: CHUNK + 2, chunkSize: CHUNK, chunks: 2 });
      assert.equal(errorCode(taken), 'file_exists');
      const wrongLength = await putChunk(app(), alice, group.id, fileId, 1, sealed(2));
      assert.equal(wrongLength.status, 400);
      const pastLast = await putChunk(app(), alice, group.id, fileId, 2, sealed(1));
      assert.equal(pastLast.status, 400);
      const asJson = await call(app(), 'PUT', `/api/groups/${group.id}/files/${fileId}/chunks/0`, { token: alice.token, body: { data: 'x' } });
      assert.equal(asJson.status, 415);
      const tooBig = await putChunk(app(), alice, group.id, fileId, 0, randomBytes(4 * 1024 * 1024 + FILE_CHUNK_OVERHEAD_BYTES + 1));
      assert.equal(tooBig.status, 413);
      const bobPuts = await putChunk(app(), bob, group.id, fileId, 0, sealed(CHUNK));
      assert.equal(errorCode(bobPuts), 'file_not_found', 'only the uploader puts chunks');
      assert.equal((await call(app(), 'GET', `/api/groups/${group.id}/files/${fileId}`, { token: bob.token })).status, 404);
      assert.deepEqual(await rows('SELECT idx FROM file_chunks WHERE file_id = ?', [fileId]), []);
      // Messages: only a complete upload of the sender's own, not yet carried, and not by an edit or delete.
      const incomplete = await sendWith(alice, group.id, [fileId]);
      assert.equal(errorCode(incomplete), 'file_incomplete');
      const { fileId: done } = await upload(alice, group.id);
      assert.equal(errorCode(await sendWith(bob, group.id, [done])), 'file_not_found');
      assert.equal(errorCode(await sendWith(alice, group.id, [done], { deleteOf: newMsgId() })), 'invalid_request');
      assert.equal(errorCode(await sendWith(alice, group.id, [newMsgId()])), 'file_not_found');
      assert.equal((await sendWith(alice, group.id, [done])).status, 201);
      assert.equal(errorCode(await sendWith(alice, group.id, [done])), 'file_attached');
      const history = await call<HistoryPage>(app(), 'GET', `/api/groups/${group.id}/messages`, { token: alice.token });
      assert.equal(history.json.messages.length, 1, 'only the one good send was stored');
      const cancel = await call(app(), 'DELETE', `/api/groups/${group.id}/files/${done}`, { token: alice.token });
      assert.equal(errorCode(cancel), 'file_attached');
    });

    it('beyond the per-file limit or the quota: 413 with a sentence, nothing stored; a cancel frees the quota; the limit is announced', async () => {
      const alice = await signUp(app());
      const group = await createGroup(app(), alice);
      const tooLarge = await call(app(), 'POST', `/api/groups/${group.id}/files`, {
        token: alice.token, body: { fileId: newMsgId(), size: DEFAULT_MAX_FILE_BYTES + 1, chunkSize: 1024 * 1024, chunks: 26 },
      });
      assert.equal(tooLarge.status, 413);
      assert.equal(errorCode(tooLarge), 'file_too_large');
      assert.match((tooLarge.json as { message: string }).message, /at most 25 MiB/);
      const declared: string[] = [];
      const declare = (fileId: string) => call(app(), 'POST', `/api/groups/${group.id}/files`, {
        token: alice.token, body: { fileId, size: DEFAULT_MAX_FILE_BYTES, chunkSize: 1024 * 1024, chunks: 25 },
      });
      for (let i = 0; i < 40; i++) {
        declared.push(newMsgId());
        assert.equal((await declare(declared.at(-1)!)).status, 201);
      }
      const usage = await call<FileUsageAnswer>(app(), 'GET', '/api/account/files', { token: alice.token });
      assert.deepEqual(usage.json, { maxFileBytes: DEFAULT_MAX_FILE_BYTES, quotaBytes: 1024 * 1024 * 1024, usedBytes: 40 * DEFAULT_MAX_FILE_BYTES });
      const over = await declare(newMsgId());
      assert.equal(over.status, 413);
      assert.equal(errorCode(over), 'quota_exceeded');
      assert.equal((await rows('SELECT count(*)::int AS n FROM files WHERE uploader = ?', [alice.username]))[0]?.n, 40);
      assert.equal((await call(app(), 'DELETE', `/api/groups/${group.id}/files/${declared[0]}`, { token: alice.token })).status, 204);
      assert.equal((await declare(newMsgId())).status, 201);
      const info = await call<ServerInfoAnswer>(app(), 'GET', '/api/server');
      assert.equal(info.json.maxFileBytes, DEFAULT_MAX_FILE_BYTES);
    });

    it('strangers get 404 on every file route; a member downloads; a removed member no longer does', async () => {
      const [alice, bob, eve] = [await signUp(app()), await signUp(app()), await signUp(app())];
      const group = await createGroup(app(), alice);
      await addMember(app(), alice, group.id, bob.username);
      const { fileId } = await upload(alice, group.id);
      await sendWith(alice, group.id, [fileId]);
      const base = `/api/groups/${group.id}/files`;
      for (const [method, url, body] of [
        ['POST', base, { fileId: newMsgId(), size: 1, chunkSize: CHUNK, chunks: 1 }],
        ['GET', `${base}/${fileId}`, undefined],
        ['POST', `${base}/${fileId}/complete`, undefined],
        ['DELETE', `${base}/${fileId}`, undefined],
        ['GET', `${base}/${fileId}/content`, undefined],
      ] as const) {
        const res = await call(app(), method, url, { token: eve.token, ...(body ? { body } : {}) });
        assert.equal(res.status, 404, `${method} ${url}`);
        assert.equal(errorCode(res), 'group_not_found');
      }
      assert.equal((await putChunk(app(), eve, group.id, fileId, 0, sealed(CHUNK))).status, 404);
      const bobReads = await app().inject({ method: 'GET', url: `${base}/${fileId}/content`, headers: { authorization: `Bearer ${bob.token}` } });
      assert.equal(bobReads.statusCode, 200);
      await call(app(), 'DELETE', `/api/groups/${group.id}/members/${bob.username}`, { token: alice.token, body: {} });
      const removed = await call(app(), 'GET', `${base}/${fileId}/content`, { token: bob.token });
      assert.equal(removed.status, 404);
      assert.equal((await call(app(), 'GET', `${base}/${newMsgId()}/content`, { token: alice.token })).status, 404);
    });

    it('a file goes with the message that carries it, with its group, and unsent after a while', async () => {
      const alice = await signUp(app());
      const group = await createGroup(app(), alice);
      const carried = await upload(alice, group.id);
      const msgId = newMsgId();
      assert.equal((await sendWith(alice, group.id, [carried.fileId], { msgId })).status, 201);
      const kept = await upload(alice, group.id);
      await sendWith(alice, group.id, [kept.fileId]);
      const unsent = await upload(alice, group.id);
      const chunksOf = async (fileId: string) => Number((await rows('SELECT count(*)::int AS n FROM file_chunks WHERE file_id = ?', [fileId]))[0]?.n);
      assert.equal(await chunksOf(carried.fileId), 3);
      const deletion = await call(app(), 'POST', `/api/groups/${group.id}/messages`, { token: alice.token, body: { msgId: newMsgId(), generation: 1, encryptedBlobB64: blob(), deleteOf: msgId } });
      assert.equal(deletion.status, 201);
      assert.equal(await chunksOf(carried.fileId), 0);
      assert.deepEqual(await rows('SELECT id FROM files WHERE id = ?', [carried.fileId]), []);
      assert.equal(await chunksOf(kept.fileId), 3, 'other files stay');
      // Unsent uploads older than the limit go; sent ones stay.
      await knex().raw(`UPDATE files SET created_at = now() - interval '2 days' WHERE id IN (?, ?)`, [unsent.fileId, kept.fileId]);
      assert.ok((await dropUnsentUploads(knex(), 24 * 60 * 60)) >= 1);
      assert.equal(await chunksOf(unsent.fileId), 0);
      assert.equal(await chunksOf(kept.fileId), 3);
      const deleted = await call(app(), 'DELETE', `/api/groups/${group.id}`, { token: alice.token, body: {} });
      assert.equal(deleted.status, 204, deleted.body);
      assert.equal(await chunksOf(kept.fileId), 0);
    });
  });
}
