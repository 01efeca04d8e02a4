// Editing and deleting a message in place, inside its own article. One edit box at a time: it
// takes focus as soon as it can (see focusField), Enter saves, Shift+Enter makes a new line,
// Escape cancels, and focus goes back to the composer either way. A delete asks first, since it
// cannot be undone.
import type { ChatMessageView } from '../../common/webview-protocol';
import { button, fieldValue, focusField, h, setFieldValue } from '../dom';

interface OpenEdit {
  msg: ChatMessageView;
  /** The message's body, put back when the edit closes. */
  body: Element;
  editor: HTMLElement;
  box: HTMLElement;
  saving: boolean;
}

export interface EditActions {
  /** Resolves true once the host took the edit; on false the box stays open to try again. */
  save(msg: ChatMessageView, body: string): Promise<boolean>;
  /** The edit closed (saved or cancelled): focus goes back to where the user writes. */
  closed(): void;
}

export class MessageEditor {
  private open: OpenEdit | undefined;

  constructor(private readonly doc: Document, private readonly actions: EditActions) {}

  get editingId(): string | undefined {
    return this.open?.msg.msgId;
  }

  start(article: HTMLElement | undefined, msg: ChatMessageView): void {
    const body = article?.querySelector('.body');
    if (!article || !body) return;
    if (this.open?.msg.msgId === msg.msgId && this.open.editor.isConnected) return focusField(this.open.box);
    this.close(false);
    const box = h(this.doc, 'vscode-textarea', { className: 'edit-box', attrs: { rows: '2', resize: 'vertical', 'aria-label': 'Edit message (Enter to save, Shift+Enter for a new line, Escape to cancel)' } });
    setFieldValue(box, msg.body);
    const hint = h(this.doc, 'p', { className: 'hint edit-hint', text: 'Enter to save · Escape to cancel' });
    const editor = h(this.doc, 'div', { className: 'message-editor' }, box, hint);
    const open: OpenEdit = { msg, body, editor, box, saving: false };
    box.addEventListener('keydown', (ev) => void this.onKeyDown(open, ev as KeyboardEvent));
    body.replaceWith(editor);
    this.open = open;
    focusField(box);
  }

  /** Closes the edit box, if one is open, and puts the message back. */
  cancel(): void {
    this.close(true);
  }

  /** The message being edited was drawn again (a reaction, an edit from elsewhere): the edit box moves into the new article. */
  adopt(article: HTMLElement): void {
    const open = this.open;
    const body = article.querySelector('.body');
    if (!open || !body) return;
    open.body = body;
    body.replaceWith(open.editor);
    focusField(open.box);
  }

  private async onKeyDown(open: OpenEdit, e: KeyboardEvent): Promise<void> {
    if (e.isComposing) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      this.close(true);
    } else if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      const text = fieldValue(open.box).trim();
      if (!text || text === open.msg.body) return this.close(true);
      if (open.saving) return;
      open.saving = true;
      const saved = await this.actions.save(open.msg, text);
      open.saving = false;
      if (saved && this.open === open) this.close(true);
    }
  }

  private close(refocus: boolean): void {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    if (open.editor.isConnected) open.editor.replaceWith(open.body);
    if (refocus) this.actions.closed();
  }
}

export function confirmDelete(doc: Document, article: HTMLElement | undefined, remove: () => void): void {
  if (!article || article.querySelector('.confirm-delete')) return;
  const bar = h(doc, 'div', { className: 'confirm-delete', attrs: { role: 'alertdialog', 'aria-label': 'Delete this message?' } });
  const yes = button(doc, 'Delete', () => {
    bar.remove();
    remove();
  });
  const no = button(doc, 'Cancel', () => {
    bar.remove();
    article.focus();
  }, { secondary: true });
  bar.append(h(doc, 'span', { text: 'Delete this message for everyone?' }), yes, no);
  article.append(bar);
  no.focus();
}
