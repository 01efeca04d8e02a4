// The messages on their way, below the history: each one as the user typed it, with where it
// stands (sending, waiting for the one before it or for the connection, which can be cancelled,
// or not sent with the reason and what to do).
// Plain text through textContent: the Markdown rendering comes with the confirmed message.
import { button, h } from '../dom';
import type { Outgoing, OutgoingState } from './send-queue';

const STATUS: Record<OutgoingState, string> = {
  sending: 'Sending…',
  waiting: 'Waiting to send',
  offline: 'Waiting for the connection',
  failed: 'Not sent',
};

export interface PendingActions {
  retry(key: number): void;
  discard(key: number): void;
}

export class PendingMessages {
  readonly element: HTMLElement;

  constructor(private readonly doc: Document, private readonly actions: PendingActions) {
    this.element = h(doc, 'div', { className: 'pending-messages' });
  }

  show(items: readonly Outgoing[], me: string | undefined): void {
    this.element.replaceChildren(...items.map((o) => this.renderOne(o, me)));
  }

  private renderOne(o: Outgoing, me: string | undefined): HTMLElement {
    const doc = this.doc;
    const status = h(doc, 'span', { className: 'pending-status', text: STATUS[o.state] });
    const article = h(
      doc,
      'article',
      { className: `message mine pending-message ${o.state}`, attrs: { 'aria-label': `${me ?? 'You'}, ${STATUS[o.state]}` } },
      h(doc, 'header', {}, h(doc, 'span', { className: 'sender', text: me ?? 'You' }), status),
      h(doc, 'div', { className: 'body', text: o.params.body }),
    );
    if (o.state === 'waiting' || o.state === 'offline') {
      article.append(button(doc, 'Cancel', () => this.actions.discard(o.key), { secondary: true, title: 'Remove this message without sending it' }));
    }
    if (o.state === 'failed') {
      article.append(h(
        doc,
        'div',
        { className: 'pending-problem' },
        h(doc, 'p', { className: 'pending-error', text: o.error ?? 'The message was not sent.', attrs: { role: 'alert' } }),
        button(doc, 'Retry', () => this.actions.retry(o.key)),
        button(doc, 'Discard', () => this.actions.discard(o.key), { secondary: true, title: 'Remove this message without sending it' }),
      ));
    }
    return article;
  }
}
