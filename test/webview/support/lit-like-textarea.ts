// A stand-in for vscode-elements' <vscode-textarea> with the one behaviour the panel must get
// right: the real one renders its inner <textarea> a microtask after it is connected (Lit) and
// delegates focus to it, so focusing it any earlier does nothing.
import type { Window } from 'happy-dom';

export function defineLitLikeTextarea(window: Window): void {
  const Base = window.HTMLElement as unknown as typeof HTMLElement;
  class LitLikeTextarea extends Base {
    value = '';
    updateComplete: Promise<boolean> = Promise.resolve(true);
    private rendered = false;

    connectedCallback(): void {
      this.updateComplete = Promise.resolve().then(() => {
        this.rendered = true;
        return true;
      });
    }

    override focus(options?: FocusOptions): void {
      if (this.rendered) super.focus(options);
    }
  }
  window.customElements.define('vscode-textarea', LitLikeTextarea as unknown as Parameters<Window['customElements']['define']>[1]);
}
