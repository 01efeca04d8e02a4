// A stand-in for vscode-elements' <vscode-textarea> that has a caret: its text lives in an inner
// <textarea>, its `wrappedElement`, as in the real one, so a test can put the caret inside the
// text (as a click or Home would) and see where the panel inserts.
import type { Window } from 'happy-dom';

export type CaretField = HTMLElement & { value: string; wrappedElement: HTMLTextAreaElement };

export function defineCaretTextarea(window: Window): void {
  const Base = window.HTMLElement as unknown as typeof HTMLElement;
  class CaretTextarea extends Base {
    readonly wrappedElement: HTMLTextAreaElement;

    constructor() {
      super();
      this.wrappedElement = this.ownerDocument.createElement('textarea');
      this.tabIndex = 0;
    }

    get value(): string {
      return this.wrappedElement.value;
    }

    set value(text: string) {
      this.wrappedElement.value = text;
    }
  }
  window.customElements.define('vscode-textarea', CaretTextarea as unknown as Parameters<Window['customElements']['define']>[1]);
}
