// A list of choices that a text field steers without taking focus (the ARIA combobox pattern):
// the field keeps focus and the caret and names the active option in aria-activedescendant, the
// arrow keys (handled by whoever owns the field) move it, a click picks one. Every text goes in
// through textContent, so a member's name or an emoji's is never markup.
import { h } from '../dom';

export interface Choice<T> {
  value: T;
  text: string;
  /** Shown dimmed after the text. */
  hint?: string;
  /** The accessible name, when the text alone (an emoji) does not say it. */
  label?: string;
}

/**
 * Options are drawn a page at a time, the next one when the list is scrolled near its end or the
 * active option reaches it, so that a list of two thousand emoji still opens at once.
 */
const PAGE = 96;

let lists = 0;

export class ChoiceList<T> {
  readonly element: HTMLElement;
  private readonly id = `choices-${++lists}`;
  private choices: Choice<T>[] = [];
  private options: HTMLElement[] = [];
  private active = 0;
  private field: HTMLElement | undefined;

  constructor(private readonly doc: Document, className: string, private readonly picked: (value: T) => void) {
    this.element = h(doc, 'ul', { className: `choice-list ${className}`, attrs: { role: 'listbox', id: this.id } });
    this.element.hidden = true;
    // A press on an option must not take focus (and the caret) from the field.
    this.element.addEventListener('mousedown', (e) => e.preventDefault());
    this.element.addEventListener('scroll', () => {
      const el = this.element;
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 40) this.drawUpTo(this.options.length + PAGE);
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  get current(): T | undefined {
    return this.choices[this.active]?.value;
  }

  /** Shows `choices` for `field`, the first one active. */
  show(field: HTMLElement, label: string, choices: Choice<T>[]): void {
    if (this.field && this.field !== field) this.unlink(this.field);
    this.field = field;
    this.choices = choices;
    this.element.setAttribute('aria-label', label);
    this.options = [];
    this.element.replaceChildren();
    this.drawUpTo(PAGE);
    this.element.hidden = false;
    field.setAttribute('aria-controls', this.id);
    field.setAttribute('aria-expanded', 'true');
    this.activate(0);
  }

  hide(): void {
    this.element.hidden = true;
    this.element.replaceChildren();
    this.choices = [];
    this.options = [];
    if (this.field) this.unlink(this.field);
    this.field = undefined;
  }

  /** Moves the active option by `delta`, around the ends when `wrap`, else stopping at them. */
  move(delta: number, wrap = true): void {
    const n = this.choices.length;
    if (!n) return;
    const next = this.active + delta;
    this.activate(wrap ? ((next % n) + n) % n : Math.max(0, Math.min(n - 1, next)));
  }

  private activate(index: number): void {
    if (index >= this.options.length) this.drawUpTo(index + PAGE);
    this.options[this.active]?.setAttribute('aria-selected', 'false');
    this.active = index;
    const option = this.options[index];
    if (!option) return this.field?.removeAttribute('aria-activedescendant');
    option.setAttribute('aria-selected', 'true');
    this.field?.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView?.({ block: 'nearest' });
  }

  private drawUpTo(count: number): void {
    const fresh = this.choices.slice(this.options.length, count).map((c, i) => this.option(c, this.options.length + i));
    this.options.push(...fresh);
    this.element.append(...fresh);
  }

  private option(c: Choice<T>, i: number): HTMLElement {
    const li = h(this.doc, 'li', { className: 'choice', attrs: { role: 'option', id: `${this.id}-${i}`, 'aria-selected': 'false' } });
    li.append(h(this.doc, 'span', { className: 'choice-text', text: c.text }));
    if (c.hint) li.append(h(this.doc, 'span', { className: 'choice-hint', text: c.hint }));
    if (c.label) {
      li.setAttribute('aria-label', c.label);
      li.title = c.label;
    }
    li.addEventListener('click', () => this.picked(c.value));
    return li;
  }

  private unlink(field: HTMLElement): void {
    field.removeAttribute('aria-activedescendant');
    field.removeAttribute('aria-controls');
    field.setAttribute('aria-expanded', 'false');
  }
}
