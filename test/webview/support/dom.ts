// A fresh happy-dom window per test, closed afterwards.
import { Window } from 'happy-dom';

export function newDom(): { window: Window; document: Document; close(): Promise<void> } {
  const window = new Window({ url: 'https://webview.test/' });
  const document = window.document as unknown as Document;
  return { window, document, close: () => window.happyDOM.close() };
}

/** Lets pending promise callbacks (request replies, awaits in handlers) run. */
export const settle = () => new Promise((r) => setTimeout(r, 0));
