// Search in the panel (Ctrl+F or Cmd+F): a box at the top whose results follow what is typed,
// each with its group, sender, time and a line of the message with the matching words marked.
// Arrow keys move through the results, Enter or a click opens the chat at the message, Escape
// closes. One query is in flight at a time and only the newest typed is asked next, so fast
// typing never shows an older query's answer. Member text goes in as text: the marks are
// <mark> elements around slices of it, never markup made from it.
import type { RequestHandlers, SearchResultView } from '../../common/webview-protocol';
import { h } from '../dom';
import { errorMessage } from '../../common/error-message';

export interface SearchActions extends Pick<RequestHandlers, 'search'> {
  /** Opens the chat at the result's message. */
  open(result: SearchResultView): void;
}

const PLACEHOLDER = 'Search messages: words, "a phrase", from:bob, in:group, has:code, before:2026-11-30';

export class SearchBar {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLElement;
  private readonly status: HTMLElement;
  private results: SearchResultView[] = [];
  private active = -1;
  private inFlight = false;
  /** The text typed since the last query went out, if it differs from what was asked. */
  private waiting: string | undefined;
  private asked = '';
  /** Where focus was before the bar opened: it goes back there on Escape. */
  private before: HTMLElement | null = null;

  constructor(private readonly doc: Document, private readonly actions: SearchActions) {
    this.input = h(doc, 'input', { className: 'search-input', attrs: { type: 'search', placeholder: PLACEHOLDER, 'aria-label': 'Search messages', 'aria-controls': 'search-results', autocomplete: 'off', spellcheck: 'false' } });
    this.list = h(doc, 'ul', { className: 'search-results', attrs: { id: 'search-results', role: 'listbox', 'aria-label': 'Search results' } });
    this.status = h(doc, 'p', { className: 'search-status hint', attrs: { 'aria-live': 'polite' } });
    const close = h(doc, 'button', { className: 'search-close', text: '×', attrs: { type: 'button', title: 'Close search (Escape)', 'aria-label': 'Close search' } });
    close.addEventListener('click', () => this.close());
    this.element = h(doc, 'section', { className: 'search-bar', attrs: { role: 'search' } }, h(doc, 'div', { className: 'search-row' }, this.input, close), this.status, this.list);
    this.element.hidden = true;
    this.input.addEventListener('input', () => this.typed());
    this.element.addEventListener('keydown', (e) => this.key(e));
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(): void {
    if (!this.isOpen) {
      this.before = this.doc.activeElement as HTMLElement | null;
      // Messages may have come or gone since: the same text is asked again.
      this.asked = '';
      if (this.input.value) this.typed();
    }
    this.element.hidden = false;
    this.input.focus();
    this.input.select?.();
  }

  close(restoreFocus = true): void {
    if (!this.isOpen) return;
    this.element.hidden = true;
    if (restoreFocus && this.before?.isConnected) this.before.focus();
    this.before = null;
  }

  private typed(): void {
    this.waiting = this.input.value;
    if (!this.inFlight) void this.ask();
  }

  private async ask(): Promise<void> {
    while (this.waiting !== undefined) {
      const query = this.waiting;
      this.waiting = undefined;
      if (query === this.asked) continue;
      this.asked = query;
      if (!query.trim()) {
        this.show([], '');
        continue;
      }
      this.inFlight = true;
      try {
        const results = await this.actions.search({ query });
        // Typed on meanwhile: this answer is already old, the next one is asked for at once.
        if (this.waiting === undefined || this.waiting === query) this.show(results, results.length ? '' : 'No message on this device matches.');
      } catch (e) {
        this.show([], errorMessage(e));
      } finally {
        this.inFlight = false;
      }
    }
  }

  private show(results: SearchResultView[], status: string): void {
    this.results = results;
    this.status.textContent = status || (results.length ? `${results.length} result${results.length === 1 ? '' : 's'}` : '');
    this.list.replaceChildren(...results.map((r, i) => this.renderResult(r, i)));
    this.setActive(results.length ? 0 : -1);
  }

  private renderResult(r: SearchResultView, i: number): HTMLElement {
    const when = new Date(r.time);
    const time = Number.isNaN(when.getTime()) ? '' : when.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    const item = h(
      this.doc,
      'li',
      { className: 'search-result', attrs: { role: 'option', id: `search-result-${i}`, 'aria-selected': 'false' } },
      h(this.doc, 'div', { className: 'search-result-head' },
        h(this.doc, 'span', { className: 'search-result-group', text: r.groupName }),
        h(this.doc, 'span', { className: 'search-result-sender', text: r.sender }),
        h(this.doc, 'time', { className: 'search-result-time', text: time, attrs: { datetime: r.time } })),
      excerptElement(this.doc, r.excerpt),
    );
    item.dataset.groupId = r.groupId;
    item.dataset.msgId = r.msgId;
    item.addEventListener('mousedown', (e) => e.preventDefault());
    item.addEventListener('click', () => this.choose(i));
    return item;
  }

  private setActive(i: number): void {
    this.active = i;
    this.list.querySelectorAll('.search-result').forEach((el, n) => el.setAttribute('aria-selected', String(n === i)));
    if (i >= 0) {
      this.input.setAttribute('aria-activedescendant', `search-result-${i}`);
      (this.list.children[i] as HTMLElement | undefined)?.scrollIntoView?.({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  private key(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!this.results.length) return;
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      this.setActive((this.active + step + this.results.length) % this.results.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      this.choose(this.active);
    }
  }

  private choose(i: number): void {
    const result = this.results[i];
    if (!result) return;
    this.close(false);
    this.actions.open(result);
  }
}

/** The excerpt as text nodes and <mark> elements; ranges out of order or out of bounds are skipped. */
export function excerptElement(doc: Document, excerpt: SearchResultView['excerpt']): HTMLElement {
  const el = h(doc, 'div', { className: 'search-result-text' });
  const text = typeof excerpt?.text === 'string' ? excerpt.text : '';
  let at = 0;
  for (const range of Array.isArray(excerpt?.ranges) ? excerpt.ranges : []) {
    const { start, end } = range ?? {};
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < at || end <= start || end > text.length) continue;
    if (start > at) el.append(doc.createTextNode(text.slice(at, start)));
    el.append(h(doc, 'mark', { text: text.slice(start, end) }));
    at = end;
  }
  if (at < text.length) el.append(doc.createTextNode(text.slice(at)));
  return el;
}
