// The caret of a send or edit box, and text put in at it. vscode-elements' <vscode-textarea>
// keeps the caret in the <textarea> inside its shadow root (its `wrappedElement`); a field that
// has none (a test's stand-in) has its caret at the end of its text.
import { fieldValue, setFieldValue } from '../dom';

interface TextControl {
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
  setSelectionRange(start: number, end: number): void;
}

export interface Selection {
  start: number;
  end: number;
}

export function selectionIn(field: HTMLElement): Selection {
  const length = fieldValue(field).length;
  const inner = textControlOf(field);
  const start = Math.min(inner?.selectionStart ?? length, length);
  return { start, end: Math.max(start, Math.min(inner?.selectionEnd ?? length, length)) };
}

/**
 * Puts `text` in place of the field's text from `start` to `end` with the caret after it, then
 * tells the panel as typing would (an input event), so the draft is saved.
 */
export function replaceText(field: HTMLElement, { start, end }: Selection, text: string): void {
  const value = fieldValue(field);
  const next = value.slice(0, start) + text + value.slice(end);
  setFieldValue(field, next);
  const inner = textControlOf(field);
  if (inner) {
    // Set now, not when Lit renders, so the caret lands after the text and the next key goes there.
    inner.value = next;
    inner.setSelectionRange(start + text.length, start + text.length);
  }
  const win = field.ownerDocument.defaultView;
  if (win) field.dispatchEvent(new win.Event('input', { bubbles: true }));
}

function textControlOf(field: HTMLElement): TextControl | undefined {
  const inner = (field as { wrappedElement?: unknown }).wrappedElement ?? field;
  return typeof (inner as Partial<TextControl>).setSelectionRange === 'function' ? (inner as TextControl) : undefined;
}
