// The host's file handlers (issue 16) over a fake client core and a fake VS Code: each panel
// request is answered at once and its transfer reports by the panel's id; Cancel (in the panel or
// on the progress notification) aborts it; what the panel sends is checked (limit, id, name,
// type, thumbnail) before the core sees it; Open shows images and text in VS Code under a name
// whose extension cannot pick another editor, and saves anything else where the user says.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatMessage } from '../../../client';
import type { DownloadOptions, FileSource, SendFileOptions } from '../../../client/files/file-types';
import type { FileProgressView } from '../../../common/webview-protocol';
import { FileRefusedError, FileService, type FileEvent } from '../../../extension/files/file-service';
import type { FileUi } from '../../../extension/files/file-ui';

const GROUP = '6f1c2a9e-1111-4222-8333-944455556666';
const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function fileMessage(msgId: string, name: string, type: string, size: number): ChatMessage {
  return {
    groupId: GROUP, seq: 1, msgId, sender: 'bob', generation: 1, createdAt: '2026-12-01T10:00:00.000Z', status: 'ok', kind: 'file', body: '',
    file: { id: 'f'.repeat(32), key: `${'A'.repeat(42)}A=`, sha256: '0'.repeat(64), name, type, size, chunkSize: 65536, chunks: 1 },
  };
}

/** A send or download that waits until the test lets it go (or it is aborted). */
class Gate {
  release!: () => void;
  readonly open = new Promise<void>((r) => (this.release = r));
  wait(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(new DOMException('The upload was cancelled.', 'AbortError')));
      void this.open.then(resolve);
    });
  }
}

class FakeClient {
  readonly sent: { ref: string; source: FileSource; options: SendFileOptions }[] = [];
  readonly downloads: { msgId: string; options: DownloadOptions }[] = [];
  gate: Gate | undefined;
  downloadError: Error | undefined;
  held: ChatMessage[] = [];
  readonly files = {
    send: async (ref: string, source: FileSource, options: SendFileOptions = {}) => {
      this.sent.push({ ref, source, options });
      options.onProgress?.(0, 100);
      await this.gate?.wait(options.signal);
      options.onProgress?.(50, 100);
      options.onProgress?.(50, 100);
      options.onProgress?.(100, 100);
      return { msgId: 'm'.repeat(32) } as ChatMessage;
    },
    download: async (_ref: string, msgId: string, options: DownloadOptions = {}) => {
      this.downloads.push({ msgId, options });
      await this.gate?.wait(options.signal);
      if (this.downloadError) throw this.downloadError;
      options.onProgress?.(3, 3);
      return options.toPath ? undefined : new TextEncoder().encode('hi!');
    },
    limits: async () => ({ maxFileBytes: 1000, quotaBytes: null, usedBytes: 0 }),
  };
  messages(): ChatMessage[] {
    return this.held;
  }
}

class FakeUi implements FileUi {
  picks: string[] = [];
  saveTo: string | undefined;
  readonly shown: { name: string; text: string }[] = [];
  readonly bars: { title: string; cancel: () => void; reports: number[]; ended: boolean }[] = [];
  readonly lines: string[] = [];
  async pickFiles() {
    return this.picks;
  }
  async savePath(name: string) {
    this.lines.push(`save dialog: ${name}`);
    return this.saveTo;
  }
  async show(name: string, bytes: Uint8Array) {
    this.shown.push({ name, text: new TextDecoder().decode(bytes) });
  }
  progress(title: string, cancel: () => void) {
    const bar = { title, cancel, reports: [] as number[], ended: false };
    this.bars.push(bar);
    return { report: (done: number) => bar.reports.push(done), end: () => (bar.ended = true) };
  }
  saved(path: string) {
    this.lines.push(`saved: ${path}`);
  }
  failed(message: string) {
    this.lines.push(`failed: ${message}`);
  }
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('host file handlers', () => {
  let client: FakeClient;
  let ui: FakeUi;
  let service: FileService;
  let events: FileEvent[];
  const progress = (transferId: string) => events.flatMap((e) => (e.type === 'file-progress' && e.progress.transferId === transferId ? [e.progress] : []));
  const states = (transferId: string) => progress(transferId).map((p: FileProgressView) => `${p.state} ${p.done}`);

  beforeEach(() => {
    client = new FakeClient();
    ui = new FakeUi();
    events = [];
    service = new FileService(client, (e) => events.push(e));
    service.useUi(ui);
  });

  it('answers a send at once and reports the upload by the panel\'s id, each share once, to done with the message', async () => {
    client.gate = new Gate();
    await service.send({ groupId: GROUP, transferId: 't1', name: 'a.png', type: 'image/png', bytes: new Uint8Array([1, 2, 3]), comment: '  see  ', thumbnail: { type: 'image/png', dataB64: PNG_B64, width: 1, height: 1 } });
    assert.deepEqual(states('t1'), ['running 0'], 'answered while the upload still runs');
    client.gate.release();
    await settle();
    assert.deepEqual(states('t1'), ['running 0', 'running 50', 'running 100', 'done 3']);
    assert.equal(progress('t1').at(-1)?.msgId, 'm'.repeat(32));
    const [{ ref, source, options }] = client.sent as [(typeof client.sent)[number]];
    assert.equal(ref, GROUP);
    assert.deepEqual({ ...source, bytes: [...source.bytes!] }, { name: 'a.png', type: 'image/png', bytes: [1, 2, 3], thumbnail: { type: 'image/png', dataB64: PNG_B64, width: 1, height: 1 } });
    assert.equal(options.comment, 'see');
    assert.equal(ui.bars[0]?.title, 'Sending a.png');
    assert.equal(ui.bars[0]?.ended, true, 'the notification goes when it is done');
  });

  it('stops a transfer when the panel cancels it, or the progress notification does', async () => {
    client.gate = new Gate();
    await service.send({ groupId: GROUP, transferId: 't1', name: 'a.bin', type: 'application/octet-stream', bytes: new Uint8Array(10) });
    await service.send({ groupId: GROUP, transferId: 't2', name: 'b.bin', type: 'application/octet-stream', bytes: new Uint8Array(10) });
    service.cancel('t1');
    ui.bars[1]!.cancel();
    await settle();
    assert.deepEqual(states('t1'), ['running 0', 'cancelled 0']);
    assert.deepEqual(states('t2'), ['running 0', 'cancelled 0']);
    assert.ok(ui.bars.every((b) => b.ended));
  });

  it('refuses what the panel should not have sent, before the client core sees it', async () => {
    const refusal = (p: Parameters<FileService['send']>[0]) => assert.rejects(service.send(p), FileRefusedError);
    await refusal({ groupId: GROUP, transferId: 't1', name: 'big', type: 'text/plain', bytes: new Uint8Array(1001) });
    await refusal({ groupId: GROUP, transferId: '../../x', name: 'a', type: 'text/plain', bytes: new Uint8Array(1) });
    await refusal({ groupId: GROUP, transferId: 't2', name: 'a', type: 'text/plain', bytes: { 0: 1, length: 1 } as unknown as Uint8Array });
    await refusal({ groupId: GROUP, transferId: 't2', name: 'a', type: 'text/plain', bytes: { 0: 1, 1: 256 } as unknown as Uint8Array });
    await refusal({ groupId: GROUP, transferId: 't2', name: 'a', type: 'text/plain' });
    await refusal({ groupId: GROUP, transferId: 't3', name: 'a', type: 'text/plain', pickId: 'never-picked' });
    assert.equal(client.sent.length, 0);
    await service.send({ groupId: GROUP, transferId: 't4', name: ' ../\u202Eevil\u0000.txt ', type: 'Text/HTML; charset=x', bytes: 'aGk=' as unknown as Uint8Array, thumbnail: { type: 'image/svg+xml' as 'image/png', dataB64: PNG_B64, width: 1, height: 1 } });
    await settle();
    const [{ source }] = client.sent as [(typeof client.sent)[number]];
    assert.equal(source.name, '.._evil.txt', 'no path separator, bidi or control character reaches the envelope');
    assert.equal(source.type, 'text/plain', 'a type that is no plain MIME type is taken from the name');
    assert.equal(source.thumbnail, undefined, 'a thumbnail of another type is left out, not sent');
    assert.deepEqual([...source.bytes!], [104, 105], 'base64 from a panel that sent text');
  });

  it('hands the panel a token for each picked file (an image\'s bytes for its thumbnail), and sends from the path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tc-pick-'));
    try {
      await writeFile(join(dir, 'shot.png'), new Uint8Array([0x89, 0x50]));
      await writeFile(join(dir, 'notes.md'), '# hi');
      ui.picks = [join(dir, 'shot.png'), join(dir, 'notes.md')];
      service.pick(GROUP, 'r1');
      for (let i = 0; i < 200 && !events.some((e) => e.type === 'files-picked'); i++) await settle();
      const picked = events.find((e) => e.type === 'files-picked');
      assert.ok(picked && picked.type === 'files-picked');
      assert.equal(picked.requestId, 'r1');
      assert.deepEqual(picked.files.map((f) => [f.name, f.type, f.size, f.imageBytes ? [...f.imageBytes] : undefined]), [['shot.png', 'image/png', 2, [0x89, 0x50]], ['notes.md', 'text/markdown', 4, undefined]]);
      assert.ok(picked.files.every((f) => !JSON.stringify(f).includes(dir)), 'the panel never sees a path');
      await service.send({ groupId: GROUP, transferId: 't1', name: 'notes.md', type: 'text/markdown', pickId: picked.files[1]!.pickId });
      await settle();
      assert.equal(client.sent[0]?.source.path, join(dir, 'notes.md'));
      await assert.rejects(service.send({ groupId: GROUP, transferId: 't2', name: 'notes.md', type: 'text/markdown', pickId: picked.files[1]!.pickId }), FileRefusedError, 'a token is good for one send');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('opens an image or text in VS Code under a name whose extension picks a safe editor, and saves anything else', async () => {
    client.held = [fileMessage('a'.repeat(32), 'photo.png', 'image/png', 3), fileMessage('b'.repeat(32), 'evil.ipynb', 'text/plain', 3), fileMessage('c'.repeat(32), 'tool.exe', 'application/octet-stream', 3)];
    await service.open({ groupId: GROUP, msgId: 'a'.repeat(32), transferId: 'd1' });
    await service.open({ groupId: GROUP, msgId: 'b'.repeat(32), transferId: 'd2' });
    await settle();
    assert.deepEqual(ui.shown.map((s) => s.name), ['photo.png', 'evil.ipynb.txt']);
    assert.deepEqual(states('d1'), ['running 0', 'running 3', 'done 3']);
    ui.saveTo = '/somewhere/tool.exe';
    await service.open({ groupId: GROUP, msgId: 'c'.repeat(32), transferId: 'd3' });
    await settle();
    assert.equal(ui.shown.length, 2, 'an .exe is never opened');
    assert.deepEqual(ui.lines, ['save dialog: tool.exe', 'saved: /somewhere/tool.exe']);
    assert.equal(client.downloads.at(-1)?.options.toPath, '/somewhere/tool.exe', 'streamed to the path, not held whole');
    ui.saveTo = undefined;
    await service.save({ groupId: GROUP, msgId: 'c'.repeat(32), transferId: 'd4' });
    await settle();
    assert.deepEqual(states('d4'), ['cancelled 0'], 'a save dialog closed without a path downloads nothing');
    assert.equal(client.downloads.length, 3);
  });

  it('reports a download that failed with the core\'s reason, and refuses a message that carries no file', async () => {
    client.held = [fileMessage('a'.repeat(32), 'photo.png', 'image/png', 3), { ...fileMessage('b'.repeat(32), 'x.png', 'image/png', 3), status: 'bad-signature' }];
    client.downloadError = new Error('Chunk 2 of this file was changed or swapped on the server.');
    await service.open({ groupId: GROUP, msgId: 'a'.repeat(32), transferId: 'd1' });
    await settle();
    assert.deepEqual(progress('d1').at(-1), { transferId: 'd1', groupId: GROUP, direction: 'download', name: 'photo.png', msgId: 'a'.repeat(32), total: 3, done: 0, state: 'failed', error: 'Chunk 2 of this file was changed or swapped on the server.' });
    await assert.rejects(service.open({ groupId: GROUP, msgId: 'b'.repeat(32), transferId: 'd2' }), /no longer in the chat/);
    await assert.rejects(service.open({ groupId: GROUP, msgId: '__proto__', transferId: 'd3' }), /no longer in the chat/);
  });

  it('gives a small text file\'s content for its card, and refuses others', async () => {
    client.held = [fileMessage('a'.repeat(32), 'fix.ts', 'text/plain', 3), fileMessage('b'.repeat(32), 'big.log', 'text/plain', 10_000_000), fileMessage('c'.repeat(32), 'x.png', 'image/png', 3)];
    assert.deepEqual(await service.text(GROUP, 'a'.repeat(32)), { text: 'hi!' });
    await assert.rejects(service.text(GROUP, 'b'.repeat(32)), FileRefusedError);
    await assert.rejects(service.text(GROUP, 'c'.repeat(32)), FileRefusedError);
  });
});
