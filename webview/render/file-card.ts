// A file message's card: an image as its thumbnail (the sender's small copy, shown from a data:
// URL in an <img>, never the file itself), any other file as an icon, its name, size and type,
// with Open and Save; a small text file can be shown as code once downloaded. The name and type
// are member text: textContent only, with invisible and direction marks shown (file-kinds.ts).
import { displayFileName, formatFileSize, isImageFile, isInlineText } from '../../common/attachments/file-kinds';
import { MAX_THUMBNAIL_B64, THUMBNAIL_TYPES, type ChatMessageView, type FileView, type ThumbnailView } from '../../common/webview-protocol';
import { h } from '../dom';

export interface FileCardHandlers {
  /** Opens the file in VS Code (full size for an image), or asks where to save what it cannot show. */
  open(msg: ChatMessageView): void;
  save(msg: ChatMessageView): void;
  /** Downloads a small text file to show it in the card as code. */
  showText(msg: ChatMessageView): void;
  /** What the card carries beyond itself: a download's progress bar, a text file's code once shown. */
  extras(msgId: string): HTMLElement[];
}

/** The most a thumbnail is drawn at, whatever size it claims. */
const MAX_SHOWN = { width: 320, height: 240 };

export function renderFileCard(doc: Document, msg: ChatMessageView, file: FileView, on: FileCardHandlers | undefined): HTMLElement {
  const name = displayFileName(file.name);
  const image = isImageFile(file.name, file.type);
  const thumb = image ? thumbnailUrl(file.thumbnail) : undefined;
  const card = h(doc, 'div', { className: `file-card ${thumb ? 'file-image' : 'file-other'}`, attrs: { role: 'group', 'aria-label': `File ${name}, ${formatFileSize(file.size)}` } });
  card.dataset.fileKind = thumb ? 'image' : isInlineText(file.name, file.type, file.size) ? 'text' : 'other';
  if (thumb && file.thumbnail) {
    const img = h(doc, 'img', { className: 'file-thumb-image', attrs: { alt: name, ...shownSize(file.thumbnail) } });
    img.src = thumb;
    const open = h(doc, 'button', { className: 'file-thumb', attrs: { type: 'button', title: 'Open full size in VS Code', 'aria-label': `Open ${name} full size in VS Code` } }, img);
    if (on) open.addEventListener('click', () => on.open(msg));
    card.append(open);
  } else {
    card.append(h(doc, 'span', { className: 'file-icon', text: image ? '🖼' : '📄', attrs: { 'aria-hidden': 'true' } }));
  }
  const info = [formatFileSize(file.size), file.type ? displayFileName(file.type) : ''].filter(Boolean).join(' · ');
  const meta = h(doc, 'div', { className: 'file-meta' }, h(doc, 'bdi', { className: 'file-name', text: name, attrs: { title: name } }), h(doc, 'span', { className: 'file-info', text: info }));
  card.append(meta);
  if (on) {
    const actions = h(doc, 'div', { className: 'file-actions' });
    if (card.dataset.fileKind === 'text') actions.append(action(doc, 'Show', `Show ${name} here as code`, () => on.showText(msg), 'file-show'));
    actions.append(action(doc, 'Open', `Open ${name} in VS Code`, () => on.open(msg), 'file-open'), action(doc, 'Save…', `Save ${name} to a folder you choose`, () => on.save(msg), 'file-save'));
    card.append(actions, h(doc, 'div', { className: 'file-extra' }, ...on.extras(msg.msgId)));
  }
  return card;
}

function action(doc: Document, text: string, label: string, onClick: () => void, className: string): HTMLElement {
  const b = h(doc, 'button', { className: `link-button ${className}`, text, attrs: { type: 'button', 'aria-label': label, title: label } });
  b.addEventListener('click', onClick);
  return b;
}

/** A data: URL only for a thumbnail that is what it claims to be: an allowed type, base64, small. */
export function thumbnailUrl(t: ThumbnailView | undefined): string | undefined {
  if (!t || !(THUMBNAIL_TYPES as readonly string[]).includes(t.type)) return undefined;
  if (typeof t.dataB64 !== 'string' || t.dataB64.length > MAX_THUMBNAIL_B64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(t.dataB64)) return undefined;
  return `data:${t.type};base64,${t.dataB64}`;
}

function shownSize(t: ThumbnailView): Record<string, string> {
  const w = Number.isSafeInteger(t.width) && t.width > 0 ? t.width : MAX_SHOWN.width;
  const hh = Number.isSafeInteger(t.height) && t.height > 0 ? t.height : MAX_SHOWN.height;
  const scale = Math.min(1, MAX_SHOWN.width / w, MAX_SHOWN.height / hh);
  return { width: String(Math.max(1, Math.round(w * scale))), height: String(Math.max(1, Math.round(hh * scale))) };
}
