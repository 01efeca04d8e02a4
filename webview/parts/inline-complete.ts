// Completion as you type in a send or edit box: a source (mentions, emoji) finds its trigger in
// the text before the caret ("@bo", ":thu") and offers choices in a list beside the field. While
// the list shows, ArrowUp/Down move, Enter or Tab put the choice in place of the trigger and
// Escape closes it. Those keys are caught on their way down (capture, on an ancestor), before the
// box's own handler, so an Enter that picks never sends or saves. Any other key goes through
// untouched, and the trigger is read afresh from the field each time, so fast typing loses nothing.
// The list follows the caret: moved by a click or the arrow keys, it shows what is at its new place.
import { fieldValue } from '../dom';
import { ChoiceList, type Choice } from './choice-list';
import { replaceText, selectionIn, type Selection } from './field-text';

export interface Completion extends Omit<Choice<unknown>, 'value'> {
  /** What takes the trigger's place ("@bob "). */
  insert: string;
  /** Told once the completion went in (to remember a recent emoji). */
  chosen?(): void;
}

export interface CompletionSource {
  /** The list's accessible name. */
  readonly label: string;
  /** The trigger that ends the text before the caret: where it starts and what follows it. */
  find(before: string): { start: number; query: string } | undefined;
  choices(query: string): Completion[];
}

/** Keys that move the caret without an input event. */
const CARET_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End']);

/** A source's `find` for a one-character trigger whose query is the pattern's first group: /(?:^|\s)@(\w*)$/. */
export function triggerBefore(pattern: RegExp, before: string): { start: number; query: string } | undefined {
  const query = pattern.exec(before)?.[1];
  return query === undefined ? undefined : { start: before.length - query.length - 1, query };
}

interface Found {
  source: CompletionSource;
  range: Selection;
  choices: Completion[];
}

export class InlineComplete {
  private readonly list: ChoiceList<Completion>;
  private field: HTMLElement | undefined;
  /** Where the trigger the list shows choices for is in the field. */
  private shownFor: Selection | undefined;

  /** Completes in every field under `root` that matches the selector `fields`. */
  constructor(doc: Document, root: HTMLElement, private readonly fields: string, private readonly sources: readonly CompletionSource[]) {
    this.list = new ChoiceList(doc, 'completions', (c) => this.pick(c));
    root.addEventListener('input', (e) => this.update(e.target));
    root.addEventListener('keydown', (e) => this.onKeyDown(e as KeyboardEvent), true);
    root.addEventListener('focusout', (e) => e.target === this.field && this.close());
    root.addEventListener('click', (e) => this.list.isOpen && e.target === this.field && this.update(e.target));
    root.addEventListener('keyup', (e) => CARET_KEYS.has((e as KeyboardEvent).key) && this.update(e.target));
  }

  private update(target: EventTarget | null): void {
    const el = target as HTMLElement | null;
    const field = typeof el?.matches === 'function' && el.matches(this.fields) ? el : undefined;
    const found = field && this.find(field);
    if (!field || !found?.choices.length) return this.close();
    this.field = field;
    this.shownFor = found.range;
    if (this.list.element.previousElementSibling !== field) field.after(this.list.element);
    this.list.show(field, found.source.label, found.choices.map((c) => ({ ...c, value: c })));
  }

  private find(field: HTMLElement): Found | undefined {
    const { start, end } = selectionIn(field);
    if (start !== end) return undefined;
    const before = fieldValue(field).slice(0, end);
    for (const source of this.sources) {
      const trigger = source.find(before);
      if (trigger) return { source, range: { start: trigger.start, end }, choices: source.choices(trigger.query) };
    }
    return undefined;
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (!this.list.isOpen || e.target !== this.field || e.isComposing) return;
    const plain = !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      this.list.move(e.key === 'ArrowDown' ? 1 : -1);
    } else if ((e.key === 'Enter' || e.key === 'Tab') && plain) {
      const choice = this.list.current;
      // The box may have changed under the list (sent by the button, a group switch): then the key is the box's.
      if (!choice || !this.pick(choice)) return;
    } else if (e.key === 'Escape') {
      this.close();
    } else {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  }

  /** Puts the choice in place of its trigger; false when the field no longer has that trigger at the caret. */
  private pick(choice: Completion): boolean {
    const field = this.field;
    const shown = this.shownFor;
    const found = field && this.find(field);
    this.close();
    if (!field || !found || found.range.start !== shown?.start || found.range.end !== shown.end) return false;
    replaceText(field, found.range, choice.insert);
    choice.chosen?.();
    return true;
  }

  private close(): void {
    if (this.list.isOpen) this.list.hide();
    this.field = undefined;
    this.shownFor = undefined;
  }
}
