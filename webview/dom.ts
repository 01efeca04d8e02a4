// Small DOM helpers shared by the panel's parts. Text always goes in through textContent.

export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props?: { className?: string; text?: string; attrs?: Record<string, string> },
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K];
export function h(
  doc: Document,
  tag: string,
  props?: { className?: string; text?: string; attrs?: Record<string, string> },
  ...children: (Node | string)[]
): HTMLElement;
export function h(
  doc: Document,
  tag: string,
  props: { className?: string; text?: string; attrs?: Record<string, string> } = {},
  ...children: (Node | string)[]
): HTMLElement {
  const el = doc.createElement(tag);
  if (props.className) el.className = props.className;
  if (props.text !== undefined) el.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

/** vscode-elements form fields keep their text in a `value` property, like native inputs. */
export function fieldValue(el: Element): string {
  const value = (el as { value?: unknown }).value;
  return typeof value === 'string' ? value : '';
}

export function setFieldValue(el: Element, value: string): void {
  (el as { value?: string }).value = value;
}

export function button(doc: Document, label: string, onClick: () => void, opts: { secondary?: boolean; title?: string } = {}): HTMLElement {
  const b = h(doc, 'vscode-button', { text: label });
  if (opts.secondary) b.setAttribute('secondary', '');
  if (opts.title) b.title = opts.title;
  b.addEventListener('click', onClick);
  return b;
}

/**
 * vscode-elements fields render their inner input a microtask after they are connected (Lit)
 * and delegate focus to it, so a focus() before that does nothing: focus again once rendered.
 */
export function focusField(el: HTMLElement): void {
  el.focus();
  const rendered = (el as { updateComplete?: Promise<unknown> }).updateComplete;
  if (rendered) void rendered.then(() => el.isConnected && el.focus());
}
