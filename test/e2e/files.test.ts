// Encrypted file attachments end to end: real clients over real HTTP against a real server
// process, once on the embedded database and once on PostgreSQL. The server (and its
// database) is the attacker: chunks are reordered, dropped, swapped and damaged by SQL, and
// a proxy cuts connections mid-upload and mid-download.

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, type GroupView } from '../../common/api';
import { FileChunkError, isServerError, MemorySecretStore, TeamChatClient, type ChatMessage, type FileChunkProblem } from '../../client';
import { fileSecrets, findSecrets, type Secret } from './support/secret-scan';
import { BACKENDS, ServerWorld, TEST_CLIENT_OPTIONS } from './support/chat-world';
import { CuttingProxy } from './support/cutting-proxy';
import { runTeamchat } from './support/cli-run';

const CHUNK = 256 * 1024;
const PASSPHRASES = { alice: 'alice: files are chunks too', bob: 'bob: reads every chunk twice', carol: 'carol: about to be removed' };

/** Random bytes with a marker at every chunk's start, so a plaintext chunk in a dump cannot hide. */
function fileBytes(size: number, marker: string): Uint8Array {
  const bytes = new Uint8Array(randomBytes(size));
  for (let at = 0; at + marker.length <= size; at += CHUNK) bytes.set(Buffer.from(marker), at);
  return bytes;
}

function rejectsWith(reason: FileChunkProblem) {
  return (error: unknown) => {
    assert.ok(error instanceof FileChunkError, `expected a FileChunkError, got ${String(error)}`);
    assert.equal(error.reason, reason);
    return true;
  };
}

const is404 = (error: unknown) => isServerError(error) && error.status === 404;

for (const backend of BACKENDS) {
  describe(`encrypted files on the ${backend} database`, function () {
    this.timeout(240_000);

    let world: ServerWorld;
    let proxy: CuttingProxy;
    let alice: TeamChatClient;
    let bob: TeamChatClient;
    let carol: TeamChatClient;
    let group: GroupView;
    let dir: string;
    const secrets: Secret[] = [];
    let keptFileId = '';

    /** Alice sends `bytes` as a file; bob reads it back in his history. */
    async function aliceSends(name: string, type: string, bytes: Uint8Array, comment = ''): Promise<{ sent: ChatMessage; seen: ChatMessage }> {
      const sent = await alice.files.send(group.id, { name, type, bytes }, { comment });
      secrets.push(...fileSecrets(sent.file!, bytes, CHUNK));
      const seen = (await bob.history(group.id)).find((m) => m.msgId === sent.msgId);
      assert.ok(seen, 'bob reads the file message');
      return { sent, seen };
    }

    /** How many chunk rows and file rows the database holds for `fileId` (one look: each restarts an embedded server). */
    async function storedRows(fileId: string): Promise<{ chunks: number; files: number }> {
      const rows = await world.sql(
        'SELECT (SELECT count(*)::int FROM file_chunks WHERE file_id = $1) AS chunks, (SELECT count(*)::int FROM files WHERE id = $1) AS files',
        [fileId],
      );
      return { chunks: Number(rows[0]?.chunks), files: Number(rows[0]?.files) };
    }

    before(async () => {
      world = await ServerWorld.start(backend);
      proxy = new CuttingProxy();
      await proxy.listen(world.url);
      dir = mkdtempSync(path.join(os.tmpdir(), 'teamchat-files-'));
      // Alice goes through the proxy (HTTP only: she never opens the event stream).
      alice = await TeamChatClient.signUp(proxy.url, 'alice', PASSPHRASES.alice, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      bob = await TeamChatClient.signUp(world.url, 'bob', PASSPHRASES.bob, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      carol = await TeamChatClient.signUp(world.url, 'carol', PASSPHRASES.carol, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      // Bob and Carol follow the group live, as the extension does (Alice is HTTP only, behind the proxy).
      await Promise.all([bob.connect(), carol.connect()]);
      group = await alice.createGroup('files');
      await alice.addMember(group.id, 'bob');
      await alice.addMember(group.id, 'carol');
    });

    after(async () => {
      await Promise.all([alice, bob, carol].map(async (client) => client?.disconnect()));
      await proxy?.close();
      await world?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('a multi-chunk file goes up and comes back whole, to memory and to a path, with progress', async () => {
      const bytes = fileBytes(5 * CHUNK + 12_345, 'OSPREY-PLAINTEXT-CHUNK');
      const progress: number[] = [];
      const sent = await alice.files.send(group.id, { name: 'osprey-plans-7731.bin', type: 'application/x-osprey-7731', bytes }, {
        comment: 'the plans', onProgress: (done, total) => progress.push(done / total),
      });
      secrets.push(...fileSecrets(sent.file!, bytes, CHUNK), { label: 'the comment', text: 'the plans' });
      assert.equal(sent.kind, 'file');
      assert.equal(sent.body, 'the plans');
      assert.deepEqual({ name: sent.file?.name, size: sent.file?.size, chunks: sent.file?.chunks }, { name: 'osprey-plans-7731.bin', size: bytes.byteLength, chunks: 6 });
      assert.equal(progress.at(-1), 1);
      assert.ok(progress.every((p, i) => i === 0 || p >= (progress[i - 1] as number)), 'progress only grows');

      const seen = (await bob.history(group.id)).find((m) => m.msgId === sent.msgId);
      assert.equal(seen?.file?.sha256, createHash('sha256').update(bytes).digest('hex'));
      const downloaded = await bob.files.download(group.id, sent.msgId);
      assert.ok(downloaded && Buffer.from(downloaded).equals(Buffer.from(bytes)));
      const target = path.join(dir, 'osprey.bin');
      assert.equal(await bob.files.download(group.id, sent.msgId, { toPath: target }), undefined);
      assert.ok(readFileSync(target).equals(Buffer.from(bytes)));
      assert.deepEqual(readdirSync(dir), ['osprey.bin'], 'no temporary file is left');
      keptFileId = sent.file!.id;
    });

    it('a file sent from a path is read chunk by chunk and arrives the same', async () => {
      const source = path.join(dir, 'notes.txt');
      const text = 'HERON-2208 line\n'.repeat(40_000);
      writeFileSync(source, text);
      const sent = await alice.files.send(group.id, { name: 'notes.txt', type: 'text/plain; charset=utf-8', path: source });
      assert.equal(sent.file?.type, 'text/plain');
      secrets.push(...fileSecrets(sent.file!, Buffer.from(text), CHUNK));
      const back = await bob.files.download(group.id, sent.msgId);
      assert.equal(Buffer.from(back!).toString('utf8'), text);
    });

    const attacks: { reason: FileChunkProblem; what: string; sql: string }[] = [
      { reason: 'reordered', what: 'two chunks swap places', sql: `UPDATE file_chunks c SET data = o.data FROM file_chunks o WHERE c.file_id = $1 AND o.file_id = $1 AND c.idx IN (0, 1) AND o.idx = 1 - c.idx` },
      { reason: 'dropped', what: 'a middle chunk is deleted', sql: 'DELETE FROM file_chunks WHERE file_id = $1 AND idx = 1' },
      { reason: 'truncated', what: 'the last chunk is deleted', sql: 'DELETE FROM file_chunks WHERE file_id = $1 AND idx = 2' },
      { reason: 'damaged', what: 'a byte of a chunk is flipped', sql: `UPDATE file_chunks SET data = overlay(data placing '\\x00'::bytea from 200 for 1) WHERE file_id = $1 AND idx = 1` },
    ];
    for (const attack of attacks) {
      it(`${attack.what}: the download is refused as ${attack.reason} and nothing is saved`, async () => {
        const { sent } = await aliceSends(`${attack.reason}.bin`, 'application/octet-stream', fileBytes(2 * CHUNK + 999, `TAMPER-${attack.reason}`));
        await world.sql(attack.sql, [sent.file!.id]);
        const target = path.join(dir, `${attack.reason}.bin`);
        await assert.rejects(bob.files.download(group.id, sent.msgId, { toPath: target }), rejectsWith(attack.reason));
        assert.equal(existsSync(target), false);
        assert.ok(!readdirSync(dir).some((name) => name.endsWith('.part')), 'no temporary file is left');
      });
    }

    it('a chunk of another file put in its place is refused as swapped', async () => {
      const first = await aliceSends('first.bin', 'application/octet-stream', fileBytes(2 * CHUNK, 'FIRST-FILE'));
      const second = await aliceSends('second.bin', 'application/octet-stream', fileBytes(2 * CHUNK, 'SECOND-FILE'));
      await world.sql(
        'UPDATE file_chunks c SET data = o.data FROM file_chunks o WHERE c.file_id = $1 AND c.idx = 0 AND o.file_id = $2 AND o.idx = 0',
        [first.sent.file!.id, second.sent.file!.id],
      );
      await assert.rejects(bob.files.download(group.id, first.sent.msgId), rejectsWith('swapped'));
      assert.ok(await bob.files.download(group.id, second.sent.msgId), 'the other file is untouched');
    });

    it('an upload cut after its chunk reached the server resumes, sending only what is missing', async () => {
      const bytes = fileBytes(4 * CHUNK + 1, 'RESUME-UPLOAD');
      const before = proxy.chunkPuts;
      proxy.cutUploadAfter(2);
      const sent = await alice.files.send(group.id, { name: 'resumed.bin', type: 'application/octet-stream', bytes });
      assert.equal(proxy.cuts, 1);
      // Five chunks, one of them cut after it was stored: it is not sent again.
      assert.equal(proxy.chunkPuts - before, 5);
      const back = await bob.files.download(group.id, sent.msgId);
      assert.ok(Buffer.from(back!).equals(Buffer.from(bytes)));
    });

    it('a download cut in the middle of a chunk resumes from that chunk', async () => {
      const bytes = fileBytes(3 * CHUNK + 77, 'RESUME-DOWNLOAD');
      const sent = await alice.files.send(group.id, { name: 'cut.bin', type: 'application/octet-stream', bytes });
      const cutsBefore = proxy.cuts;
      proxy.cutDownloadAfter(CHUNK + CHUNK / 2);
      const back = await alice.files.download(group.id, sent.msgId);
      assert.equal(proxy.cuts, cutsBefore + 1);
      assert.ok(Buffer.from(back!).equals(Buffer.from(bytes)));
    });

    it('cancelling an upload or a download stops it, frees the quota and leaves no file', async () => {
      const { usedBytes } = await alice.files.limits();
      const upload = new AbortController();
      await assert.rejects(
        alice.files.send(group.id, { name: 'cancelled.bin', type: 'application/octet-stream', bytes: fileBytes(6 * CHUNK, 'CANCELLED') }, {
          signal: upload.signal, onProgress: (done) => done >= CHUNK && upload.abort(),
        }),
        (error: unknown) => (error as Error).name === 'AbortError',
      );
      assert.equal((await alice.files.limits()).usedBytes, usedBytes, 'the cancelled upload was dropped');
      const sent = await alice.files.send(group.id, { name: 'big.bin', type: 'application/octet-stream', bytes: fileBytes(6 * CHUNK, 'NOT-CANCELLED') });
      const download = new AbortController();
      const target = path.join(dir, 'cancelled.bin');
      await assert.rejects(
        bob.files.download(group.id, sent.msgId, { toPath: target, signal: download.signal, onProgress: (done) => done >= CHUNK && download.abort() }),
        (error: unknown) => (error as Error).name === 'AbortError',
      );
      assert.equal(existsSync(target), false);
      assert.ok(!readdirSync(dir).some((name) => name.endsWith('.part')), 'no temporary file is left');
    });

    it('beyond the per-file limit or the quota: 413 JSON, and nothing is stored', async () => {
      const fileId = randomBytes(16).toString('hex');
      await assert.rejects(
        alice.api.createUpload(group.id, { fileId, size: DEFAULT_MAX_FILE_BYTES + 1, chunkSize: CHUNK, chunks: Math.ceil((DEFAULT_MAX_FILE_BYTES + 1) / CHUNK) }),
        (error: unknown) => isServerError(error) && error.status === 413 && error.code === 'file_too_large' && /25 MiB/.test(error.message),
      );
      await assert.rejects(alice.api.uploadStatus(group.id, fileId), is404);
      // The default quota is 1 GiB: uploads declared (not yet sent) count against it.
      const declared: string[] = [];
      const { usedBytes } = await alice.files.limits();
      for (let used = usedBytes; used + DEFAULT_MAX_FILE_BYTES <= 1024 * 1024 * 1024; used += DEFAULT_MAX_FILE_BYTES) {
        const id = randomBytes(16).toString('hex');
        await alice.api.createUpload(group.id, { fileId: id, size: DEFAULT_MAX_FILE_BYTES, chunkSize: CHUNK, chunks: DEFAULT_MAX_FILE_BYTES / CHUNK });
        declared.push(id);
      }
      const over = randomBytes(16).toString('hex');
      await assert.rejects(
        alice.api.createUpload(group.id, { fileId: over, size: DEFAULT_MAX_FILE_BYTES, chunkSize: CHUNK, chunks: DEFAULT_MAX_FILE_BYTES / CHUNK }),
        (error: unknown) => isServerError(error) && error.status === 413 && error.code === 'quota_exceeded',
      );
      await assert.rejects(alice.api.uploadStatus(group.id, over), is404);
      // A cancel gives the room back.
      for (const id of declared) await alice.api.dropUpload(group.id, id);
      assert.equal((await alice.files.limits()).usedBytes, usedBytes);
      assert.equal((await alice.api.serverInfo()).maxFileBytes, DEFAULT_MAX_FILE_BYTES);
    });

    it('a file of a removed member stays readable to those who held it; the removed member gets 404', async () => {
      const bytes = fileBytes(CHUNK + 5, 'CAROL-WAS-HERE');
      const sent = await carol.files.send(group.id, { name: 'carol.bin', type: 'application/octet-stream', bytes });
      secrets.push(...fileSecrets(sent.file!, bytes, CHUNK));
      await alice.removeMember(group.id, 'carol');
      const back = await bob.files.download(group.id, sent.msgId);
      assert.ok(Buffer.from(back!).equals(Buffer.from(bytes)));
      await assert.rejects(carol.api.fileContent(group.id, sent.file!.id, 0), is404);
      await assert.rejects(carol.api.createUpload(group.id, { fileId: randomBytes(16).toString('hex'), size: 1, chunkSize: CHUNK, chunks: 1 }), is404);
      await assert.rejects(carol.api.uploadStatus(group.id, sent.file!.id), is404);
    });

    it('deleting the message deletes its chunks', async () => {
      const { sent } = await aliceSends('deleted.bin', 'application/octet-stream', fileBytes(2 * CHUNK, 'DELETE-ME'));
      const fileId = sent.file!.id;
      assert.deepEqual(await storedRows(fileId), { chunks: 2, files: 1 });
      await alice.deleteMessage(group.id, sent.msgId);
      assert.equal(sent.file, undefined, 'the deleted message shows no file');
      assert.deepEqual(await storedRows(fileId), { chunks: 0, files: 0 });
      await assert.rejects(bob.api.fileContent(group.id, fileId, 0), is404);
    });

    it('the CLI sends a file with a comment, shows it in read (name, size, type, msgId, never its key) and downloads it', async () => {
      const profile = mkdtempSync(path.join(os.tmpdir(), 'teamchat-files-cli-'));
      try {
        const env = { TEAMCHAT_PROFILE: profile, TEAMCHAT_PASSPHRASE: 'dave: sends files from a terminal', TEAMCHAT_SERVER: world.url };
        assert.equal((await runTeamchat(['register', 'dave'], env)).code, 0);
        await alice.addMember(group.id, 'dave');
        const source = path.join(dir, 'report.csv');
        const bytes = fileBytes(2 * CHUNK + 3, 'DAVE-CSV');
        writeFileSync(source, bytes);
        const sent = await runTeamchat(['send', group.id, '--file', source, 'quarterly', 'numbers', '--json'], env);
        assert.equal(sent.code, 0, sent.stderr);
        const message = JSON.parse(sent.stdout) as ChatMessage;
        assert.deepEqual({ kind: message.kind, body: message.body, name: message.file?.name, type: message.file?.type, key: message.file?.key },
          { kind: 'file', body: 'quarterly numbers', name: 'report.csv', type: 'text/csv', key: undefined });
        const back = await bob.files.download(group.id, message.msgId);
        assert.ok(Buffer.from(back!).equals(Buffer.from(bytes)));
        const held = bob.messages(group.id).find((m) => m.msgId === message.msgId)!.file!;
        secrets.push(...fileSecrets(held, bytes, CHUNK));

        const read = await runTeamchat(['read', group.id], env);
        assert.equal(read.code, 0, read.stderr);
        assert.ok(read.stdout.includes(`  [file] report.csv (512 KiB, text/csv): teamchat download <group> ${message.msgId}`), read.stdout);
        const readJson = await runTeamchat(['read', group.id, '--json'], env);
        assert.ok(!readJson.stdout.includes('"key"'), 'no file key in --json output');

        const out = path.join(dir, 'dave-copy.csv');
        const fetched = await runTeamchat(['download', group.id, message.msgId, '--out', out], env);
        assert.equal(fetched.code, 0, fetched.stderr);
        assert.match(fetched.stdout, /Saved .*dave-copy\.csv \(512 KiB, text\/csv\), its hash checked\./);
        assert.ok(readFileSync(out).equals(Buffer.from(bytes)));
        const missing = await runTeamchat(['send', group.id, '--file', path.join(dir, 'nope.bin')], env);
        assert.notEqual(missing.code, 0);
        assert.match(missing.stderr, /There is no file/);
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    });

    it('the database holds no file name, type, key or plaintext chunk', async () => {
      const dump = await world.dump();
      assert.deepEqual(findSecrets(dump, secrets), []);
      // The scan can fail: a file id, which the server must know, is found.
      assert.deepEqual(findSecrets(dump, [{ label: 'a file id', text: keptFileId }]), ['a file id']);
    });
  });
}
