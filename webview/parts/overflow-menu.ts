// A "More actions" button and its menu (the WAI-ARIA menu button pattern): the header's less
// frequent actions live here so the header fits from 320 px up. Arrow keys move, Home/End jump,
// Escape or a click elsewhere closes and gives focus back to the button.
import { h } from '../dom';

export interface MenuItem {
  label: string;
  run(): void;
  /** Leaving and deleting are shown as such. */
  danger?: boolean;
  title?: string;
  /** Shown in the menu only when the panel is too narrow for its own button (styles.css). */
  narrowOnly?: boolean;
}

export class OverflowMenu {
  readonly element: HTMLElement;
  private readonly trigger: HTMLButtonElement;
  private readonly menu: HTMLElement;
  private items: MenuItem[] = [];

  constructor(private readonly doc: Document, label: string) {
    const id = `menu-${Math.random().toString(36).slice(2, 10)}`;
    this.trigger = h(doc, 'button', {
      className: 'icon-button overflow-trigger',
      text: '⋯',
      attrs: { type: 'button', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': id, 'aria-label': label, title: label },
    });
    this.menu = h(doc, 'div', { className: 'overflow-menu', attrs: { role: 'menu', id, 'aria-label': label } });
    this.menu.hidden = true;
    this.element = h(doc, 'div', { className: 'overflow' }, this.trigger, this.menu);
    this.trigger.addEventListener('click', () => (this.isOpen ? this.close(true) : this.open(0)));
    this.trigger.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        this.open(e.key === 'ArrowDown' ? 0 : this.items.length - 1);
      }
    });
    this.menu.addEventListener('keydown', (e) => this.key(e));
    this.element.addEventListener('focusout', (e) => {
      if (this.isOpen && !this.element.contains(e.relatedTarget as Node | null)) this.close(false);
    });
    doc.addEventListener('mousedown', (e) => {
      if (this.isOpen && !this.element.contains(e.target as Node)) this.close(false);
    });
  }

  get isOpen(): boolean {
    return !this.menu.hidden;
  }

  setItems(items: MenuItem[]): void {
    this.items = items;
    this.menu.replaceChildren(...items.map((item) => {
      const el = h(this.doc, 'button', { className: `menu-item${item.danger ? ' danger' : ''}${item.narrowOnly ? ' narrow-only' : ''}`, text: item.label, attrs: { type: 'button', role: 'menuitem', tabindex: '-1' } });
      if (item.title) el.title = item.title;
      el.addEventListener('click', () => {
        this.close(true);
        item.run();
      });
      return el;
    }));
  }

  open(index: number): void {
    if (!this.items.length) return;
    this.menu.hidden = false;
    this.trigger.setAttribute('aria-expanded', 'true');
    this.focusItem(index);
  }

  close(refocus: boolean): void {
    this.menu.hidden = true;
    this.trigger.setAttribute('aria-expanded', 'false');
    if (refocus) this.trigger.focus();
  }

  private key(e: KeyboardEvent): void {
    const buttons = this.buttons();
    const at = buttons.indexOf(this.doc.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      this.focusItem(moves[e.key]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close(true);
    } else if (e.key === 'Tab') {
      this.close(false);
    }
  }

  private focusItem(index: number): void {
    const buttons = this.buttons();
    buttons[(index + buttons.length) % buttons.length]?.focus();
  }

  private buttons(): HTMLElement[] {
    return [...this.menu.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  }
}
