// Types as a person does: into whatever has focus, one key at a time, each keydown followed by
// the browser's default (the character goes in, Enter makes a new line) unless a handler
// prevented it. No waiting between keys, so nothing the panel awaits can run in between.
import type { Window } from 'happy-dom';

type Field = HTMLElement & { value?: string };

export interface Keyboard {
  /** Each character is a key; "\n" is Enter. */
  type(text: string): void;
  press(key: string, mods?: { shiftKey?: boolean }): KeyboardEvent;
}

export function keyboard(window: Window): Keyboard {
  const doc = window.document as unknown as Document;
  const press = (key: string, mods: { shiftKey?: boolean } = {}): KeyboardEvent => {
    const target = (doc.activeElement ?? doc.body) as Field;
    const down = new window.KeyboardEvent('keydown', { key, ...mods, bubbles: true, cancelable: true }) as unknown as KeyboardEvent;
    target.dispatchEvent(down);
    const char = key === 'Enter' ? '\n' : key.length === 1 ? key : '';
    if (!down.defaultPrevented && char && typeof target.value === 'string') {
      target.value += char;
      target.dispatchEvent(new window.Event('input', { bubbles: true }) as unknown as Event);
    }
    return down;
  };
  return {
    press,
    type: (text) => {
      for (const ch of text) press(ch === '\n' ? 'Enter' : ch);
    },
  };
}
