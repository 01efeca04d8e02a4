// The send box: Enter hands the text over and clears the box at once, so typing never waits for
// a send (the send queue takes it from there); Shift+Enter makes a new line; Escape drops the
// reply being written; Up-arrow in an empty box edits your last message, as in Slack. The emoji
// button beside it puts an emoji at the caret (the "@" and ":" lists are inline-complete.ts).
import type { ChatMessageView } from '../../common/webview-protocol';
import { button, fieldValue, focusField, h, setFieldValue } from '../dom';
import { excerpt } from '../render/message-actions';
import { replaceText, selectionIn } from './field-text';

export interface ComposerActions {
  submit(body: string, replyTo: string | undefined): void;
  /** Opens the last of your messages for editing; false when there is none. */
  editLast(): boolean;
  /** Opens the emoji picker for the button `opener`; `chosen` hears of the emoji picked. */
  pickEmoji(opener: HTMLElement, title: string, chosen: (emoji: string) => void): void;
}

export class Composer {
  readonly element: HTMLElement;
  readonly replyBar: HTMLElement;
  private readonly input: HTMLElement;
  private replyTo: ChatMessageView | undefined;

  constructor(private readonly doc: Document, private readonly actions: ComposerActions) {
    this.input = h(doc, 'vscode-textarea', {
      className: 'send-box',
      attrs: { id: 'send-box', rows: '2', resize: 'vertical', placeholder: 'Message (Enter to send, Shift+Enter for a new line)', 'aria-label': 'Message' },
    });
    this.input.addEventListener('keydown', (e) => this.onKeyDown(e as KeyboardEvent));
    this.element = h(doc, 'div', { className: 'composer' }, this.input, this.emojiButton(), button(doc, 'Send', () => {
      this.submit();
      this.focus();
    }));
    this.replyBar = h(doc, 'div', { className: 'reply-bar', attrs: { role: 'status' } });
    this.replyBar.hidden = true;
  }

  focus(): void {
    focusField(this.input);
  }

  clear(): void {
    setFieldValue(this.input, '');
    this.cancelReply();
  }

  startReply(msg: ChatMessageView): void {
    this.replyTo = msg;
    const cancel = h(this.doc, 'button', { className: 'icon-button', text: '✕', attrs: { type: 'button', 'aria-label': 'Cancel reply', title: 'Cancel reply (Escape)' } });
    cancel.addEventListener('click', () => {
      this.cancelReply();
      this.focus();
    });
    this.replyBar.replaceChildren(
      h(this.doc, 'span', { className: 'reply-label', text: `Replying to ${msg.sender}` }),
      h(this.doc, 'span', { className: 'reply-text', text: excerpt(msg) }),
      cancel,
    );
    this.replyBar.hidden = false;
    this.focus();
  }

  private emojiButton(): HTMLElement {
    const b = h(this.doc, 'button', { className: 'icon-button emoji-button', text: '☺', attrs: { type: 'button', 'aria-label': 'Insert emoji', title: 'Insert emoji' } });
    b.addEventListener('click', () => {
      // Where the caret was before the picker took focus: the emoji goes there.
      const at = selectionIn(this.input);
      this.actions.pickEmoji(b, 'Insert emoji', (emoji) => {
        replaceText(this.input, at, emoji);
        this.focus();
      });
    });
    return b;
  }

  private cancelReply(): void {
    this.replyTo = undefined;
    this.replyBar.hidden = true;
    this.replyBar.replaceChildren();
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.isComposing) return;
    if (e.key === 'Escape' && this.replyTo) {
      e.preventDefault();
      this.cancelReply();
    } else if (e.key === 'ArrowUp' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && fieldValue(this.input) === '') {
      if (this.actions.editLast()) e.preventDefault();
    } else if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      this.submit();
    }
  }

  /** Takes the text now: what the user types next is the next message. */
  private submit(): void {
    const body = fieldValue(this.input).trim();
    if (!body) return;
    const replyTo = this.replyTo?.msgId;
    this.clear();
    this.actions.submit(body, replyTo);
  }
}
