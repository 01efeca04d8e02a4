// Files about to be sent: one row each (thumbnail or icon, name, size, a remove button), an
// optional comment and Send. A file over the size the server announced is refused here, with
// the sizes said, before any byte goes to VS Code. Images get their thumbnail made here.
import { displayFileName, formatFileSize, isImageFile } from '../../common/attachments/file-kinds';
import type { PickedFileView, ThumbnailView } from '../../common/webview-protocol';
import { button, fieldValue, h, setFieldValue } from '../dom';
import { thumbnailUrl } from '../render/file-card';
import type { Thumbnailer } from './thumbnails';

export interface PendingFile {
  id: string;
  name: string;
  type: string;
  size: number;
  /** Dropped or pasted: the bytes go to the host with the send. */
  bytes?: Uint8Array;
  /** Picked in VS Code's dialog: the host has the path. */
  pickId?: string;
  thumbnail?: ThumbnailView;
}

export interface AttachmentTrayOptions {
  /** The largest file the server takes, in bytes. */
  maxFileBytes(): Promise<number>;
  thumbnail: Thumbnailer;
  send(files: PendingFile[], comment: string): void;
}

/** More at once is more likely a slip of the mouse than a wish. */
export const MAX_PENDING_FILES = 10;

export class AttachmentTray {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly comment: HTMLElement;
  private readonly error: HTMLElement;
  private pending: PendingFile[] = [];
  private next = 1;

  constructor(private readonly doc: Document, private readonly opts: AttachmentTrayOptions) {
    this.list = h(doc, 'ul', { className: 'attachment-list', attrs: { 'aria-label': 'Files to send' } });
    this.comment = h(doc, 'vscode-textfield', { className: 'attachment-comment', attrs: { placeholder: 'Add a comment (optional)', 'aria-label': 'Comment on the files' } });
    this.comment.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter' && !(e as KeyboardEvent).isComposing) {
        e.preventDefault();
        this.send();
      }
    });
    this.error = h(doc, 'p', { className: 'form-error attachment-error', attrs: { role: 'alert' } });
    const row = h(doc, 'div', { className: 'attachment-send' }, this.comment, button(doc, 'Send', () => this.send(), { title: 'Send the files' }), button(doc, 'Cancel', () => this.clear(), { secondary: true, title: 'Send none of them' }));
    this.element = h(doc, 'div', { className: 'attachment-tray' }, this.error, this.list, row);
    this.render();
  }

  /** Dropped or pasted files: refused when too large, else read and (images) thumbnailed. */
  async addFiles(files: readonly File[]): Promise<void> {
    const limit = await this.opts.maxFileBytes();
    const refused: string[] = [];
    for (const f of files) {
      if (this.tooMany(refused)) break;
      if (f.size > limit) {
        refused.push(tooLarge(f.name, f.size, limit));
        continue;
      }
      const bytes = new Uint8Array(await f.arrayBuffer());
      const type = f.type || 'application/octet-stream';
      await this.add({ name: f.name || 'unnamed file', type, size: bytes.length, bytes }, bytes);
    }
    this.refuse(refused);
  }

  /** Files picked in VS Code (the host sent an image's bytes only for its thumbnail). */
  async addPicked(files: readonly PickedFileView[]): Promise<void> {
    const limit = await this.opts.maxFileBytes();
    const refused: string[] = [];
    for (const f of files) {
      if (this.tooMany(refused)) break;
      if (f.size > limit) refused.push(tooLarge(f.name, f.size, limit));
      else await this.add({ name: f.name, type: f.type, size: f.size, pickId: f.pickId }, f.imageBytes);
    }
    this.refuse(refused);
  }

  clear(): void {
    this.pending = [];
    setFieldValue(this.comment, '');
    this.error.textContent = '';
    this.render();
  }

  private async add(file: Omit<PendingFile, 'id'>, imageBytes: Uint8Array | undefined): Promise<void> {
    const thumbnail = imageBytes && isImageFile(file.name, file.type) ? await this.opts.thumbnail(imageBytes, file.type).catch(() => undefined) : undefined;
    this.pending.push({ ...file, id: `a${this.next++}`, ...(thumbnail ? { thumbnail } : {}) });
    this.render();
  }

  private tooMany(refused: string[]): boolean {
    if (this.pending.length < MAX_PENDING_FILES) return false;
    refused.push(`At most ${MAX_PENDING_FILES} files go in one send: send these first.`);
    return true;
  }

  private refuse(refused: string[]): void {
    this.error.textContent = [...new Set(refused)].join(' ');
  }

  private send(): void {
    if (this.pending.length === 0) return;
    const files = this.pending;
    const comment = fieldValue(this.comment).trim();
    this.clear();
    this.opts.send(files, comment);
  }

  private remove(id: string): void {
    this.pending = this.pending.filter((f) => f.id !== id);
    this.render();
  }

  private render(): void {
    this.list.replaceChildren(...this.pending.map((f) => this.row(f)));
    this.element.hidden = this.pending.length === 0 && !this.error.textContent;
    this.element.querySelector('.attachment-send')?.toggleAttribute('hidden', this.pending.length === 0);
  }

  private row(f: PendingFile): HTMLElement {
    const name = displayFileName(f.name);
    const url = thumbnailUrl(f.thumbnail);
    const preview = url
      ? h(this.doc, 'img', { className: 'attachment-thumb', attrs: { alt: '', src: url } })
      : h(this.doc, 'span', { className: 'file-icon', text: isImageFile(f.name, f.type) ? '🖼' : '📄', attrs: { 'aria-hidden': 'true' } });
    const remove = h(this.doc, 'button', { className: 'icon-button attachment-remove', text: '✕', attrs: { type: 'button', 'aria-label': `Remove ${name}`, title: 'Remove' } });
    remove.addEventListener('click', () => this.remove(f.id));
    const li = h(this.doc, 'li', { className: 'attachment' }, preview, h(this.doc, 'bdi', { className: 'file-name', text: name, attrs: { title: name } }), h(this.doc, 'span', { className: 'file-info', text: formatFileSize(f.size) }), remove);
    li.dataset.attachmentId = f.id;
    return li;
  }
}

export function tooLarge(name: string, size: number, limit: number): string {
  return `“${displayFileName(name)}” is ${formatFileSize(size)}: the server takes files up to ${formatFileSize(limit)}, so it was not added.`;
}
