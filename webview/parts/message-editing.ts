// Editing and deleting a message in place, inside its own article: the body becomes an edit box
// (Enter saves, Escape cancels), and a delete asks first, since it cannot be undone.
import type { ChatMessageView } from '../../common/webview-protocol';
import { button, fieldValue, h, setFieldValue } from '../dom';

/** `save` runs the edit; `done()` puts the body back if the editor is still shown. */
export function startEdit(doc: Document, article: HTMLElement | undefined, msg: ChatMessageView, save: (body: string, done: () => void) => void): void {
  const body = article?.querySelector('.body');
  if (!article || !body || article.querySelector('.edit-box')) return;
  const box = h(doc, 'vscode-textarea', { className: 'edit-box', attrs: { rows: '2', resize: 'vertical', 'aria-label': 'Edit message (Enter to save, Escape to cancel)' } });
  setFieldValue(box, msg.body);
  const hint = h(doc, 'p', { className: 'hint edit-hint', text: 'Enter to save · Escape to cancel' });
  const editor = h(doc, 'div', { className: 'message-editor' }, box, hint);
  const close = () => {
    if (!editor.isConnected) return;
    editor.replaceWith(body);
    article.focus();
  };
  box.addEventListener('keydown', (ev) => {
    const e = ev as KeyboardEvent;
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      const text = fieldValue(box).trim();
      if (!text || text === msg.body) return close();
      save(text, close);
    }
  });
  body.replaceWith(editor);
  box.focus();
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
