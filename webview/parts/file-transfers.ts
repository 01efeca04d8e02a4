// Uploads and downloads as the panel shows them: a bar with the share done and a Cancel button.
// An upload shows in the strip above the composer of its group until its message arrives; a
// download shows on its file's card (the card takes the same element when it is drawn again).
// The host reports progress by the transfer id the panel chose (DidProgressFile).
import { displayFileName, formatFileSize } from '../../common/attachments/file-kinds';
import type { FileProgressView } from '../../common/webview-protocol';
import { h } from '../dom';

interface Transfer {
  view: FileProgressView;
  element: HTMLElement;
}

export class FileTransfers {
  /** The uploads of the open group, above the composer. */
  readonly uploads: HTMLElement;
  private readonly transfers = new Map<string, Transfer>();
  private groupId: string | undefined;
  private next = 1;

  constructor(private readonly doc: Document, private readonly cancel: (transferId: string) => void) {
    this.uploads = h(doc, 'div', { className: 'file-uploads', attrs: { 'aria-label': 'Files being sent' } });
    this.uploads.hidden = true;
  }

  /** A fresh id for a transfer this panel starts. */
  newId(): string {
    const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    return `t${this.next++}-${random}`;
  }

  /** Shows the transfer at once, before the host's first report. */
  start(view: Omit<FileProgressView, 'done' | 'state'>): void {
    this.update({ ...view, done: 0, state: 'running' });
  }

  /** A report from the host (or the panel's own failure to start one). */
  update(view: FileProgressView): void {
    let t = this.transfers.get(view.transferId);
    if (!t) {
      // A report for a transfer the panel never started (another panel's, or a command's): shown all the same.
      t = { view, element: h(this.doc, 'div', { className: 'file-transfer', attrs: { role: 'status' } }) };
      t.element.dataset.transferId = view.transferId;
      this.transfers.set(view.transferId, t);
    }
    t.view = view;
    this.draw(t);
    if (view.direction === 'upload') this.showUploads();
  }

  /** The running (or failed) download of a message, for its card. */
  downloadOf(msgId: string): HTMLElement | undefined {
    for (const t of this.transfers.values()) if (t.view.direction === 'download' && t.view.msgId === msgId) return t.element;
    return undefined;
  }

  isDownloading(msgId: string): boolean {
    for (const t of this.transfers.values()) if (t.view.direction === 'download' && t.view.msgId === msgId && t.view.state === 'running') return true;
    return false;
  }

  /** The chat shows another group: its uploads show instead. */
  showGroup(groupId: string | undefined): void {
    this.groupId = groupId;
    this.showUploads();
  }

  private draw(t: Transfer): void {
    const v = t.view;
    const name = displayFileName(v.name);
    t.element.dataset.state = v.state;
    if (v.state === 'done' || v.state === 'cancelled') {
      // Done: the message (upload) or VS Code (download) shows the file now; cancelled: nothing to show.
      this.transfers.delete(v.transferId);
      t.element.remove();
      return;
    }
    if (v.state === 'failed') {
      const dismiss = h(this.doc, 'button', { className: 'icon-button', text: '✕', attrs: { type: 'button', 'aria-label': 'Dismiss', title: 'Dismiss' } });
      dismiss.addEventListener('click', () => {
        this.transfers.delete(v.transferId);
        t.element.remove();
        this.showUploads();
      });
      const what = v.direction === 'upload' ? `Could not send ${name}` : `Could not download ${name}`;
      t.element.setAttribute('role', 'alert');
      t.element.replaceChildren(h(this.doc, 'span', { className: 'file-transfer-error', text: `${what}: ${v.error ?? 'it failed.'}` }), dismiss);
      return;
    }
    const share = v.total > 0 ? Math.min(100, Math.floor((v.done / v.total) * 100)) : 0;
    const verb = v.direction === 'upload' ? 'Sending' : 'Downloading';
    const bar = h(this.doc, 'progress', { className: 'file-progress', attrs: { max: '100', value: String(share), 'aria-label': `${verb} ${name}` } });
    const cancel = h(this.doc, 'button', { className: 'link-button file-cancel', text: 'Cancel', attrs: { type: 'button', 'aria-label': `Cancel ${verb.toLowerCase()} ${name}` } });
    cancel.addEventListener('click', () => this.cancel(v.transferId));
    const label = h(this.doc, 'span', { className: 'file-transfer-label' }, h(this.doc, 'span', { text: `${verb} ` }), h(this.doc, 'bdi', { text: name }), h(this.doc, 'span', { text: ` ${share}% of ${formatFileSize(v.total)}` }));
    t.element.replaceChildren(label, bar, cancel);
  }

  private showUploads(): void {
    const shown = [...this.transfers.values()].filter((t) => t.view.direction === 'upload' && t.view.groupId === this.groupId).map((t) => t.element);
    this.uploads.replaceChildren(...shown);
    this.uploads.hidden = shown.length === 0;
  }
}
