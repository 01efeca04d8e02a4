// A thread, Slack-style: the root, its replies and a composer of its own with "Also send to
// <group>". Beside the chat when the panel is wide; in the chat's place when narrow (720 px or
// less, as the member list). Escape closes it. It is in the page only while open, so the chat's
// own composer and its buttons are the only ones there otherwise. Replies come from the host already decrypted;
// the host keeps only those whose own signed envelope names this thread (client/threads).
import type { ChatMessageView, RequestHandlers, SnippetView } from '../../common/webview-protocol';
import { errorMessage } from '../../common/error-message';
import { h } from '../dom';
import { renderResolveButton } from '../render/discussion-state';
import { renderMessage } from '../render/message';
import { excerpt } from '../render/message-actions';
import { threadSummaryText } from '../render/thread-summary';
import { Composer } from './composer';
import { MessageEditor, confirmDelete } from './message-editing';
import { newMsgId } from './send-queue';

/** The width (px) at and below which the thread takes the chat's place (styles.css says the same). */
const NARROW_PX = 720;

export interface ThreadActions extends Pick<RequestHandlers, 'openThread' | 'markThreadRead' | 'send' | 'edit' | 'delete' | 'react' | 'resolve'> {
  isVisible(): boolean;
  openSnippet(snippet: SnippetView): void;
  copyLink(groupId: string, msgId: string): void;
  pickEmoji(opener: HTMLElement, title: string, chosen: (emoji: string) => void): void;
  /** The thread closed: focus goes back to the chat. */
  closed(): void;
  /** The host would not open a thread: the chat says why. */
  refused(message: string): void;
}

interface OpenThread {
  groupId: string;
  groupName: string;
  me: string | undefined;
  root: ChatMessageView;
  replies: ChatMessageView[];
}

export class ThreadPanel {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly rootSlot: HTMLElement;
  private readonly count: HTMLElement;
  private readonly list: HTMLElement;
  private readonly note: HTMLElement;
  private readonly error: HTMLElement;
  private readonly composer: Composer;
  private readonly alsoToGroup: HTMLInputElement;
  private readonly alsoLabel: HTMLElement;
  private readonly editor: MessageEditor;
  private readonly rendered = new Map<string, HTMLElement>();
  private thread: OpenThread | undefined;
  /** Each open gets a number: an answer to an earlier one that comes late is dropped. */
  private opening = 0;

  constructor(private readonly doc: Document, private readonly actions: ThreadActions, private readonly chatMain: HTMLElement) {
    this.title = h(doc, 'h3', { attrs: { id: 'thread-title' }, text: 'Thread' });
    const close = h(doc, 'button', { className: 'icon-button thread-close', text: '✕', attrs: { type: 'button', 'aria-label': 'Close thread', title: 'Close thread (Escape)' } });
    close.addEventListener('click', () => this.close());
    this.rootSlot = h(doc, 'div', { className: 'thread-root' });
    this.count = h(doc, 'p', { className: 'thread-count hint' });
    this.list = h(doc, 'div', { className: 'thread-replies', attrs: { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': 'Replies' } });
    this.note = h(doc, 'p', { className: 'hint thread-note', attrs: { role: 'note' } });
    this.error = h(doc, 'p', { className: 'form-error', attrs: { role: 'alert' } });
    this.composer = new Composer(doc, { submit: (body) => void this.send(body), editLast: () => false, pickEmoji: (...args) => actions.pickEmoji(...args) });
    // The chat's own composer owns the id "send-box".
    const box = this.composer.element.querySelector('.send-box');
    box?.setAttribute('id', 'thread-send-box');
    box?.setAttribute('aria-label', 'Reply in thread');
    box?.setAttribute('placeholder', 'Reply in thread (Enter to send)');
    this.alsoToGroup = h(doc, 'input', { className: 'also-to-group', attrs: { type: 'checkbox', id: 'thread-also-to-group' } });
    this.alsoLabel = h(doc, 'span');
    const also = h(doc, 'label', { className: 'also-to-group-label', attrs: { for: 'thread-also-to-group' } }, this.alsoToGroup, this.alsoLabel);
    this.editor = new MessageEditor(doc, {
      save: (msg, body) => this.act(() => this.actions.edit({ groupId: this.thread!.groupId, msgId: msg.msgId, body })),
      closed: () => this.composer.focus(),
    });
    this.element = h(
      doc,
      'aside',
      { className: 'thread-panel', attrs: { 'aria-labelledby': 'thread-title' } },
      h(doc, 'header', { className: 'thread-header' }, this.title, close),
      h(doc, 'div', { className: 'thread-history', attrs: { tabindex: '0' } }, this.rootSlot, this.count, this.list, this.note),
      this.error,
      this.composer.element,
      also,
    );
    this.element.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        this.close();
      }
    });
  }

  /** Opens the thread of `msgId` (its root's, for a reply); false when the host refused. */
  async open(groupId: string, groupName: string, msgId: string, me: string | undefined): Promise<boolean> {
    const run = ++this.opening;
    this.error.textContent = '';
    try {
      const page = await this.actions.openThread({ groupId, msgId });
      if (run !== this.opening) return false;
      this.thread = { groupId, groupName, me, root: page.root, replies: [...page.replies].sort((a, b) => a.seq - b.seq) };
      this.note.textContent = page.dropped
        ? `${page.dropped} message${page.dropped === 1 ? '' : 's'} the server gave for this thread ${page.dropped === 1 ? 'is' : 'are'} not part of it and ${page.dropped === 1 ? 'was' : 'were'} left out.`
        : '';
      this.title.textContent = 'Thread';
      this.alsoLabel.textContent = ` Also send to ${groupName}`;
      this.alsoToGroup.checked = false;
      this.editor.cancel();
      this.drawAll();
      if (!this.element.isConnected) this.chatMain.after(this.element);
      const narrow = (this.doc.defaultView?.innerWidth ?? 1024) <= NARROW_PX;
      this.element.dataset.layout = narrow ? 'in-place' : 'beside';
      this.chatMain.hidden = narrow;
      this.composer.focus();
      this.seen();
      return true;
    } catch (e) {
      if (run === this.opening) this.actions.refused(errorMessage(e));
      return false;
    }
  }

  close(): void {
    if (!this.thread && !this.element.isConnected) return;
    this.opening++;
    this.thread = undefined;
    this.editor.cancel();
    this.composer.clear();
    this.element.remove();
    this.chatMain.hidden = false;
    this.rendered.clear();
    this.actions.closed();
  }

  /** A message of the group arrived or changed: a reply of this thread, or its root. */
  arrived(groupId: string, message: ChatMessageView): void {
    const t = this.thread;
    if (!t || t.groupId !== groupId) return;
    if (message.msgId === t.root.msgId) {
      t.root = message;
      this.drawRoot();
      return;
    }
    if (message.threadRoot !== t.root.msgId) return;
    const at = t.replies.findIndex((m) => m.msgId === message.msgId);
    const old = this.rendered.get(message.msgId);
    if (at >= 0) t.replies[at] = message;
    else t.replies = [...t.replies, message].sort((a, b) => a.seq - b.seq);
    const el = this.renderOne(message);
    if (old) {
      old.replaceWith(el);
      if (this.editor.editingId === message.msgId) {
        if (message.deleted) this.editor.cancel();
        else this.editor.adopt(el);
      }
    } else {
      const next = t.replies.find((m) => m.seq > message.seq);
      const before = next && this.rendered.get(next.msgId);
      if (before) this.list.insertBefore(el, before);
      else this.list.append(el);
    }
    this.drawCount();
    this.seen();
  }

  private drawAll(): void {
    this.rendered.clear();
    this.drawRoot();
    this.list.replaceChildren(...(this.thread?.replies ?? []).map((m) => this.renderOne(m)));
    this.drawCount();
  }

  private drawRoot(): void {
    const t = this.thread;
    if (!t) return;
    this.rootSlot.replaceChildren(this.renderOne({ ...t.root, thread: undefined }));
    if (t.root.integrity === 'ok' && !t.root.deleted && (t.root.snippet || t.root.discussion)) {
      const resolved = t.root.discussion?.resolved === true;
      this.rootSlot.append(renderResolveButton(this.doc, resolved, () => void this.act(() => this.actions.resolve({ groupId: t.groupId, msgId: t.root.msgId, resolved: !resolved }))));
    }
    this.title.setAttribute('title', excerpt(t.root));
  }

  private drawCount(): void {
    const replies = (this.thread?.replies ?? []).filter((m) => !m.deleted);
    this.count.textContent = replies.length ? threadSummaryText({ replies: replies.length, lastRepliers: [], unread: 0 }) : 'No replies yet.';
  }

  /** What is on screen is read, if the user can see it. */
  private seen(): void {
    const t = this.thread;
    if (!t || !this.actions.isVisible()) return;
    void this.actions.markThreadRead({ groupId: t.groupId, root: t.root.msgId }).catch(() => undefined);
  }

  private async send(body: string): Promise<void> {
    const t = this.thread;
    if (!t) return;
    const alsoToGroup = this.alsoToGroup.checked;
    const sent = await this.act(() => this.actions.send({ groupId: t.groupId, body, msgId: newMsgId(), thread: { root: t.root.msgId, ...(alsoToGroup ? { alsoToGroup: true } : {}) } }));
    if (sent) this.alsoToGroup.checked = false;
  }

  private renderOne(m: ChatMessageView): HTMLElement {
    const t = this.thread;
    const el = renderMessage(this.doc, m, t?.me, {
      openSnippet: (s) => this.actions.openSnippet(s),
      reply: () => this.composer.focus(),
      edit: (msg) => this.editor.start(this.rendered.get(msg.msgId), msg),
      delete: (msg) => confirmDelete(this.doc, this.rendered.get(msg.msgId), () => void this.act(() => this.actions.delete({ groupId: t!.groupId, msgId: msg.msgId }))),
      react: (msg, reaction) => void this.act(() => this.actions.react({ groupId: t!.groupId, msgId: msg.msgId, reaction })),
      pickEmoji: (...args) => this.actions.pickEmoji(...args),
      copyLink: (msg) => t && this.actions.copyLink(t.groupId, msg.msgId),
      jumpTo: (msgId) => this.rendered.get(msgId)?.scrollIntoView?.({ block: 'center' }),
      find: (msgId) => (t?.root.msgId === msgId ? t.root : t?.replies.find((x) => x.msgId === msgId)),
    });
    this.rendered.set(m.msgId, el);
    return el;
  }

  /** Runs a message action; a refusal shows above the composer. True when the host took it. */
  private async act(action: () => Promise<unknown>): Promise<boolean> {
    this.error.textContent = '';
    try {
      await action();
      return true;
    } catch (e) {
      this.error.textContent = errorMessage(e);
      return false;
    }
  }
}
