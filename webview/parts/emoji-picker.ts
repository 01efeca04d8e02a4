// The panel's one emoji picker: the composer's emoji button opens it to put an emoji at the caret,
// a message's "Add reaction" button to react with one. Recently used come first; the search
// matches names and keywords. Focus stays in the search box: the arrow keys move through the grid,
// Enter or a click chooses, and Escape (or a click elsewhere) closes it, focus going back to the
// button that opened it.
import { h } from '../dom';
import { searchEmoji } from '../render/emoji-index';
import { ChoiceList } from './choice-list';
import { RecentEmoji } from './recent-emoji';

/** The grid's width in emoji, as styles.css lays it out: ArrowUp/Down move by a row. */
const COLUMNS = 8;
const STEPS: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS };

export class EmojiPicker {
  readonly element: HTMLElement;
  readonly recent = new RecentEmoji();
  private readonly title: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly grid: ChoiceList<string>;
  private readonly empty: HTMLElement;
  private opener: HTMLElement | undefined;
  private chosen: ((emoji: string) => void) | undefined;

  constructor(doc: Document) {
    this.title = h(doc, 'span', { className: 'emoji-title', attrs: { id: 'emoji-picker-title' } });
    this.search = h(doc, 'input', { className: 'emoji-search', attrs: { type: 'search', role: 'combobox', 'aria-autocomplete': 'list', placeholder: 'Search emoji', 'aria-label': 'Search emoji', autocomplete: 'off', spellcheck: 'false' } });
    this.grid = new ChoiceList(doc, 'emoji-grid', (emoji) => this.choose(emoji));
    this.empty = h(doc, 'p', { className: 'hint emoji-empty', text: 'No emoji matches that.' });
    this.element = h(doc, 'div', { className: 'emoji-picker', attrs: { role: 'dialog', 'aria-labelledby': 'emoji-picker-title' } }, this.title, this.search, this.grid.element, this.empty);
    this.element.hidden = true;
    this.search.addEventListener('input', () => this.render());
    this.search.addEventListener('keydown', (e) => this.onKeyDown(e));
    // Only the search box takes focus: a press anywhere else in the picker leaves it there.
    this.element.addEventListener('mousedown', (e) => e.target !== this.search && e.preventDefault());
    this.element.addEventListener('focusout', (e) => !this.element.contains(e.relatedTarget as Node | null) && this.close(false));
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Opens the picker for the button `opener`, titled `title`; `chosen` hears of the emoji chosen. */
  open(opener: HTMLElement, title: string, chosen: (emoji: string) => void): void {
    this.opener = opener;
    this.chosen = chosen;
    this.title.textContent = title;
    this.search.value = '';
    this.element.hidden = false;
    this.render();
    this.search.focus();
  }

  private render(): void {
    const found = searchEmoji(this.search.value, this.recent.all);
    this.grid.show(this.search, 'Emoji', found.map((e) => ({ value: e.emoji, text: e.emoji, label: e.name })));
    this.empty.hidden = found.length > 0;
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.isComposing) return;
    const step = STEPS[e.key];
    if (step !== undefined) this.grid.move(step, false);
    else if (e.key === 'Enter' && this.grid.current) this.choose(this.grid.current);
    else if (e.key === 'Escape') this.close(true);
    else return;
    e.preventDefault();
  }

  private choose(emoji: string): void {
    const chosen = this.chosen;
    this.recent.use(emoji);
    this.close(true);
    chosen?.(emoji);
  }

  private close(refocus: boolean): void {
    if (!this.isOpen) return;
    const opener = this.opener;
    this.opener = undefined;
    this.chosen = undefined;
    this.element.hidden = true;
    this.grid.hide();
    if (refocus && opener?.isConnected) opener.focus();
  }
}
