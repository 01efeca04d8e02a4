// Files in the chat: the attach button (VS Code's open dialog), drop and paste onto the chat,
// the tray of files about to be sent, their uploads, and what a file's card does (open, save,
// show a text file as code), each transfer with its progress and Cancel. The file's bytes and
// key stay with the host once sent; the panel only ever holds a card's thumbnail and, asked
// for, a small text file's content.
import { isInlineText, languageOfFile } from '../../common/attachments/file-kinds';
import { errorMessage } from '../../common/error-message';
import { Requests, type ChatMessageView, type FileProgressView, type PickedFileView, type RequestHandlers } from '../../common/webview-protocol';
import { h } from '../dom';
import type { HostConnection } from '../host-connection';
import type { FileCardHandlers } from '../render/file-card';
import { renderCollapsibleCode } from '../render/collapsed-code';
import { AttachmentTray, type PendingFile } from './attachment-tray';
import { acceptDroppedFiles, acceptPastedImages } from './file-drop';
import { FileTransfers } from './file-transfers';
import { canvasThumbnailer, type Thumbnailer } from './thumbnails';

export type FileRequests = Pick<RequestHandlers, 'fileLimits' | 'pickFiles' | 'sendFile' | 'openFile' | 'saveFile' | 'fileText' | 'cancelTransfer'>;

/** What the panel assumes until the host says (the server's default); the host checks again. */
const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;

export interface ChatFilesContext {
  groupId(): string | undefined;
  /** The message's <article>, if it is drawn. */
  article(msgId: string): HTMLElement | undefined;
  /** A refusal for the line under the history. */
  error(message: string): void;
}

export class ChatFiles {
  readonly tray: AttachmentTray;
  readonly transfers: FileTransfers;
  readonly attachButton: HTMLElement;
  readonly card: FileCardHandlers;
  private limit: Promise<number> | undefined;
  private pickRequest: string | undefined;
  /** A text file's code once shown, by msgId: it stays when the message is drawn again. */
  private readonly texts = new Map<string, HTMLElement>();

  constructor(private readonly doc: Document, private readonly requests: FileRequests, private readonly ctx: ChatFilesContext, thumbnail: Thumbnailer = canvasThumbnailer(doc)) {
    this.transfers = new FileTransfers(doc, (transferId) => void requests.cancelTransfer({ transferId }).catch((e: unknown) => ctx.error(errorMessage(e))));
    this.tray = new AttachmentTray(doc, { maxFileBytes: () => this.maxFileBytes(), thumbnail, send: (files, comment) => this.send(files, comment) });
    this.attachButton = h(doc, 'button', { className: 'icon-button attach-button', text: '📎', attrs: { type: 'button', 'aria-label': 'Attach files', title: 'Attach files (or drop them on the chat, holding Shift as VS Code asks, or paste an image)' } });
    this.attachButton.addEventListener('click', () => {
      const groupId = ctx.groupId();
      if (!groupId) return;
      this.pickRequest = this.transfers.newId();
      void requests.pickFiles({ groupId, requestId: this.pickRequest }).catch((e: unknown) => ctx.error(errorMessage(e)));
    });
    this.card = {
      open: (msg) => this.download(msg, 'open'),
      save: (msg) => this.download(msg, 'save'),
      showText: (msg) => void this.showText(msg),
      extras: (msgId) => [this.transfers.downloadOf(msgId), this.texts.get(msgId)].filter((e): e is HTMLElement => e !== undefined),
    };
  }

  /** Drop and paste onto this part of the chat go to the tray. */
  accept(target: HTMLElement): void {
    const add = (files: File[]) => {
      if (this.ctx.groupId()) void this.tray.addFiles(files).catch((e: unknown) => this.ctx.error(errorMessage(e)));
    };
    acceptDroppedFiles(target, add);
    acceptPastedImages(target, add);
  }

  /** The host's answer to this panel's attach button (the other chat, tab or view, asks its own), for the group it was asked for. */
  picked(groupId: string, requestId: string, files: PickedFileView[]): void {
    if (requestId === this.pickRequest && groupId === this.ctx.groupId()) void this.tray.addPicked(files).catch((e: unknown) => this.ctx.error(errorMessage(e)));
  }

  progress(view: FileProgressView): void {
    this.transfers.update(view);
  }

  /** Another group is shown: its files to send are not this one's. */
  showGroup(groupId: string | undefined, switched: boolean): void {
    if (switched) this.tray.clear();
    this.transfers.showGroup(groupId);
  }

  private maxFileBytes(): Promise<number> {
    this.limit ??= this.requests.fileLimits().then(
      (l) => (Number.isSafeInteger(l.maxFileBytes) && l.maxFileBytes > 0 ? l.maxFileBytes : DEFAULT_MAX_FILE_BYTES),
      () => {
        this.limit = undefined;
        return DEFAULT_MAX_FILE_BYTES;
      },
    );
    return this.limit;
  }

  private send(files: PendingFile[], comment: string): void {
    const groupId = this.ctx.groupId();
    if (!groupId) return;
    files.forEach((f, i) => {
      const transferId = this.transfers.newId();
      this.transfers.start({ transferId, groupId, direction: 'upload', name: f.name, total: f.size });
      this.requests
        .sendFile({
          groupId, transferId, name: f.name, type: f.type,
          ...(f.bytes ? { bytes: f.bytes } : {}),
          ...(f.pickId ? { pickId: f.pickId } : {}),
          ...(f.thumbnail ? { thumbnail: f.thumbnail } : {}),
          ...(i === 0 && comment ? { comment } : {}),
        })
        .catch((e: unknown) => this.transfers.update({ transferId, groupId, direction: 'upload', name: f.name, done: 0, total: f.size, state: 'failed', error: errorMessage(e) }));
    });
  }

  private download(msg: ChatMessageView, how: 'open' | 'save'): void {
    const groupId = this.ctx.groupId();
    const file = msg.file;
    if (!groupId || !file || this.transfers.isDownloading(msg.msgId)) return;
    const transferId = this.transfers.newId();
    const base = { transferId, groupId, direction: 'download' as const, name: file.name, msgId: msg.msgId, total: file.size };
    this.transfers.start(base);
    const bar = this.transfers.downloadOf(msg.msgId);
    if (bar) this.extraOf(msg.msgId)?.prepend(bar);
    const request = how === 'open' ? this.requests.openFile : this.requests.saveFile;
    request({ groupId, msgId: msg.msgId, transferId }).catch((e: unknown) => this.transfers.update({ ...base, done: 0, state: 'failed', error: errorMessage(e) }));
  }

  private async showText(msg: ChatMessageView): Promise<void> {
    const groupId = this.ctx.groupId();
    const file = msg.file;
    if (!groupId || !file || !isInlineText(file.name, file.type, file.size)) return;
    const old = this.texts.get(msg.msgId);
    if (old) {
      // Show again: hides it.
      old.remove();
      this.texts.delete(msg.msgId);
      return;
    }
    try {
      const { text } = await this.requests.fileText({ groupId, msgId: msg.msgId });
      const code = h(this.doc, 'div', { className: 'file-text snippet' }, ...renderCollapsibleCode(this.doc, text, languageOfFile(file.name)));
      this.texts.set(msg.msgId, code);
      this.extraOf(msg.msgId)?.append(code);
    } catch (e) {
      this.ctx.error(errorMessage(e));
    }
  }

  private extraOf(msgId: string): HTMLElement | null | undefined {
    return this.ctx.article(msgId)?.querySelector<HTMLElement>('.file-extra');
  }
}

/** The file requests over the connection to the host. */
export function fileRequests(connection: HostConnection): FileRequests {
  return {
    fileLimits: () => connection.request(Requests.fileLimits, undefined),
    pickFiles: (params) => connection.request(Requests.pickFiles, params),
    sendFile: (params) => connection.request(Requests.sendFile, params),
    openFile: (params) => connection.request(Requests.openFile, params),
    saveFile: (params) => connection.request(Requests.saveFile, params),
    fileText: (params) => connection.request(Requests.fileText, params),
    cancelTransfer: (params) => connection.request(Requests.cancelTransfer, params),
  };
}
