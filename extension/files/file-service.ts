// The host's side of file attachments: the panel's file requests, each answered at once, and
// the transfers they start, each with a progress notification and a report to the panel by
// the transfer id the panel chose, cancelled through an AbortController. Knows nothing of
// vscode.* (file-ui.ts stands in for it), so it is tested with a fake client and a fake UI.
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ChatMessage } from '../../client';
import type { FileTransfers } from '../../client/files/file-transfers';
import { diskFileName, displayFileName, isImageFile, isInlineText, opensInVsCode, sendableFileName, typeForName, viewableFileName } from '../../common/attachments/file-kinds';
import { errorMessage } from '../../common/error-message';
import { MAX_THUMBNAIL_B64, THUMBNAIL_TYPES, type FileLimitsView, type FileProgressView, type FileTransferParams, type PickedFileView, type SendFileParams, type ThumbnailView } from '../../common/webview-protocol';
import { NO_FILE_UI, type FileUi } from './file-ui';

/** What of the client core the file handlers use. */
export interface FilesClient {
  files: Pick<FileTransfers, 'send' | 'download' | 'limits'>;
  messages(groupId: string): ChatMessage[];
}

export type FileEvent =
  | { type: 'file-progress'; progress: FileProgressView }
  | { type: 'files-picked'; groupId: string; requestId: string; files: PickedFileView[] };

const TRANSFER_ID = /^[A-Za-z0-9_-]{1,100}$/;
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

export class FileRefusedError extends Error {
  override name = 'FileRefusedError';
}

interface Picked {
  path: string;
  name: string;
  type: string;
  size: number;
}

type Transfer = Omit<FileProgressView, 'done' | 'state' | 'error'>;

export class FileService {
  private ui: FileUi = NO_FILE_UI;
  /** Paths the user picked, by the token the panel was given: the panel never names a path itself. */
  private readonly picked = new Map<string, Picked>();
  private readonly running = new Map<string, AbortController>();
  private limitsAnswer: Promise<FileLimitsView> | undefined;

  constructor(private readonly client: FilesClient, private readonly emit: (e: FileEvent) => void) {}

  useUi(ui: FileUi): void {
    this.ui = ui;
  }

  limits(): Promise<FileLimitsView> {
    this.limitsAnswer ??= this.client.files.limits().then(
      (l) => ({ maxFileBytes: l.maxFileBytes }),
      (error: unknown) => {
        this.limitsAnswer = undefined;
        throw error;
      },
    );
    return this.limitsAnswer;
  }

  /** Opens the dialog; what is picked goes to the panel that asked (DidPickFiles). */
  pick(groupId: string, requestId: string): void {
    void this.pickFiles().then(
      (files) => this.emit({ type: 'files-picked', groupId, requestId, files }),
      (error: unknown) => this.ui.failed(`Could not attach the files: ${errorMessage(error)}`),
    );
  }

  async send(p: SendFileParams): Promise<void> {
    const transferId = checkedTransferId(p.transferId, this.running);
    const picked = p.pickId !== undefined ? this.picked.get(String(p.pickId)) : undefined;
    if (p.pickId !== undefined && !picked) throw new FileRefusedError('That file is no longer picked: attach it again.');
    const bytes = picked ? undefined : bytesOf(p.bytes);
    const size = picked ? picked.size : bytes!.length;
    const { maxFileBytes } = await this.limits();
    if (size > maxFileBytes) throw new FileRefusedError(`The file is larger than the ${maxFileBytes} bytes the server takes.`);
    if (picked) this.picked.delete(String(p.pickId));
    const name = sendableFileName(String(p.name ?? picked?.name ?? ''));
    const type = typeof p.type === 'string' && MIME.test(p.type.toLowerCase()) ? p.type.toLowerCase() : typeForName(name);
    const thumbnail = checkedThumbnail(p.thumbnail);
    const comment = typeof p.comment === 'string' && p.comment.trim() ? p.comment.trim() : undefined;
    const source = { name, type, ...(picked ? { path: picked.path } : { bytes: bytes! }), ...(thumbnail ? { thumbnail } : {}) };
    void this.run({ transferId, groupId: p.groupId, direction: 'upload', name, total: size }, async (signal, onProgress) => {
      const message = await this.client.files.send(p.groupId, source, { ...(comment ? { comment } : {}), onProgress, signal });
      return message.msgId;
    });
  }

  /** The palette's Attach File: a path the user picked there, sent with a progress notification. */
  sendPath(groupId: string, path: string, size: number): Promise<string | undefined> {
    const name = sendableFileName(basename(path));
    const transferId = `c-${randomBytes(9).toString('base64url')}`;
    return this.run({ transferId, groupId, direction: 'upload', name, total: size }, async (signal, onProgress) => {
      return (await this.client.files.send(groupId, { name, type: typeForName(name), path }, { onProgress, signal })).msgId;
    });
  }

  /** Shows the file in VS Code when it can (an image full size, text in an editor), else asks where to save it. */
  async open(p: FileTransferParams): Promise<void> {
    const file = this.fileOf(p.groupId, p.msgId);
    if (!opensInVsCode(file.name, file.type)) return this.save(p);
    const transferId = checkedTransferId(p.transferId, this.running);
    void this.run({ transferId, groupId: p.groupId, direction: 'download', name: file.name, msgId: p.msgId, total: file.size }, async (signal, onProgress) => {
      const bytes = await this.client.files.download(p.groupId, p.msgId, { onProgress, signal });
      if (!bytes) throw new Error('The download gave no bytes.');
      await this.ui.show(viewableFileName(file.name, file.type), bytes);
      return p.msgId;
    });
  }

  /** Asks where, then streams the file there. */
  async save(p: FileTransferParams): Promise<void> {
    const file = this.fileOf(p.groupId, p.msgId);
    const transferId = checkedTransferId(p.transferId, this.running);
    const base: Transfer = { transferId, groupId: p.groupId, direction: 'download', name: file.name, msgId: p.msgId, total: file.size };
    // The dialog may stay open for long: the panel's request is answered before it closes.
    void this.ui.savePath(diskFileName(file.name)).then((toPath) => {
      if (!toPath) return this.report(base, 0, 'cancelled');
      return this.run(base, async (signal, onProgress) => {
        await this.client.files.download(p.groupId, p.msgId, { onProgress, signal, toPath });
        this.ui.saved(toPath);
        return p.msgId;
      }).then(() => undefined);
    });
  }

  /** A small text file's content for its card. */
  async text(groupId: string, msgId: string): Promise<{ text: string }> {
    const file = this.fileOf(groupId, msgId);
    if (!isInlineText(file.name, file.type, file.size)) throw new FileRefusedError('Only small text files show in the chat: open or save this one.');
    const bytes = await this.client.files.download(groupId, msgId, {});
    if (!bytes) throw new Error('The download gave no bytes.');
    return { text: new TextDecoder('utf-8').decode(bytes) };
  }

  cancel(transferId: string): void {
    this.running.get(String(transferId))?.abort();
  }

  dispose(): void {
    for (const c of this.running.values()) c.abort();
    this.picked.clear();
  }

  private async pickFiles(): Promise<PickedFileView[]> {
    const paths = await this.ui.pickFiles('Attach files to send');
    if (paths.length === 0) return [];
    const { maxFileBytes } = await this.limits();
    const files: PickedFileView[] = [];
    for (const path of paths) {
      const size = (await stat(path)).size;
      const name = sendableFileName(basename(path));
      const type = typeForName(name);
      const pickId = randomBytes(12).toString('base64url');
      this.picked.set(pickId, { path, name, type, size });
      // An image's bytes go to the panel only to make its thumbnail; a file too large is refused there.
      const imageBytes = isImageFile(name, type) && size <= maxFileBytes ? new Uint8Array(await readFile(path)) : undefined;
      files.push({ pickId, name, type, size, ...(imageBytes ? { imageBytes } : {}) });
    }
    return files;
  }

  private fileOf(groupId: string, msgId: string): { name: string; type: string; size: number } {
    const m = this.client.messages(String(groupId)).find((x) => x.msgId === msgId);
    if (!m || m.status !== 'ok' || m.deleted || !m.file) throw new FileRefusedError('That file is no longer in the chat.');
    return m.file;
  }

  /** One transfer: a progress notification, reports to the panel, cancel by AbortController. Resolves with the msgId, undefined when it did not finish. */
  private async run(t: Transfer, task: (signal: AbortSignal, onProgress: (done: number, total: number) => void) => Promise<string>): Promise<string | undefined> {
    const controller = new AbortController();
    this.running.set(t.transferId, controller);
    const verb = t.direction === 'upload' ? 'Sending' : 'Downloading';
    const bar = this.ui.progress(`${verb} ${displayFileName(t.name)}`, () => controller.abort());
    let shown = 0;
    const onProgress = (done: number, total: number) => {
      bar.report(done, total);
      const share = total > 0 ? Math.floor((done / total) * 100) : 0;
      if (share === shown) return;
      shown = share;
      this.report({ ...t, total }, done, 'running');
    };
    this.report(t, 0, 'running');
    try {
      const msgId = await task(controller.signal, onProgress);
      this.report({ ...t, msgId }, t.total, 'done');
      return msgId;
    } catch (error) {
      if (controller.signal.aborted) this.report(t, 0, 'cancelled');
      else {
        this.report(t, 0, 'failed', errorMessage(error));
        if (t.transferId.startsWith('c-')) throw error;
      }
      return undefined;
    } finally {
      bar.end();
      this.running.delete(t.transferId);
    }
  }

  private report(t: Transfer, done: number, state: FileProgressView['state'], error?: string): void {
    this.emit({ type: 'file-progress', progress: { ...t, done, state, ...(error ? { error } : {}) } });
  }
}

function checkedTransferId(id: unknown, running: ReadonlyMap<string, unknown>): string {
  if (typeof id !== 'string' || !TRANSFER_ID.test(id)) throw new FileRefusedError('The chat panel named the transfer oddly: reload it.');
  if (running.has(id)) throw new FileRefusedError('That transfer is running already.');
  return id;
}

/** The bytes of a dropped or pasted file: a typed array or ArrayBuffer (VS Code carries both), or base64. */
export function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value)) return new Uint8Array(Buffer.from(value, 'base64'));
  // A typed array that went through JSON on the way ({"0": 137, "1": 80, …}): slow, but the bytes are all there.
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > 0 && entries.every(([k, v], i) => k === String(i) && typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255)) return Uint8Array.from(entries, ([, v]) => v as number);
  }
  throw new FileRefusedError('The chat panel sent no file: drop or paste it again.');
}

/** A thumbnail the panel made, if it is one the client core will carry; anything else is left out, not sent. */
function checkedThumbnail(t: ThumbnailView | undefined): ThumbnailView | undefined {
  if (typeof t !== 'object' || t === null) return undefined;
  const ok = (THUMBNAIL_TYPES as readonly string[]).includes(t.type) && typeof t.dataB64 === 'string' && t.dataB64.length > 0 && t.dataB64.length <= MAX_THUMBNAIL_B64
    && /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(t.dataB64)
    && [t.width, t.height].every((n) => Number.isSafeInteger(n) && n >= 1 && n <= 4096);
  return ok ? { type: t.type, dataB64: t.dataB64, width: t.width, height: t.height } : undefined;
}
