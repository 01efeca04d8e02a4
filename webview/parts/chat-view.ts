// "Chat": the history (older pages load as you scroll up), live messages announced to screen
// readers, the member list, and the send box (Enter sends, Shift+Enter makes a new line).
import type { ChatMessageView, PanelAction, RequestHandlers, SnippetView } from '../../common/webview-protocol';
import type { GroupChat } from '../chat-store';
import { button, fieldValue, h, setFieldValue } from '../dom';
import { errorMessage } from '../../common/error-message';
import { renderMessage } from '../render/message';
import { excerpt } from '../render/message-actions';
import { MembersList } from './members-list';

/** The host requests the chat makes take their shape from `Requests`; the rest is local. */
export interface ChatActions extends Pick<RequestHandlers, 'send' | 'edit' | 'delete' | 'react' | 'setAdmin' | 'loadOlder'> {
  markRead(groupId: string, seq: number): void;
  /** The panel is in front, so what arrives is seen. */
  isVisible(): boolean;
  openSnippet(snippet: SnippetView): void;
  run(action: PanelAction, groupId: string, username?: string): void;
}

/** How close to the top (px) the history must be scrolled before the next page loads. */
const LOAD_OLDER_THRESHOLD = 48;

export class ChatView {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly toolbar: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly history: HTMLElement;
  private readonly log: HTMLElement;
  private readonly olderButton: HTMLElement;
  private readonly input: HTMLElement;
  private readonly sendError: HTMLElement;
  private readonly members: MembersList;
  private readonly rendered = new Map<string, HTMLElement>();
  private chat: GroupChat | undefined;
  private me: string | undefined;
  private loadingOlder = false;
  private sending = false;
  private readonly replyBar: HTMLElement;
  private replyTo: ChatMessageView | undefined;

  constructor(private readonly doc: Document, private readonly actions: ChatActions) {
    this.title = h(doc, 'h2', { className: 'chat-title', attrs: { id: 'chat-title' } });
    this.toolbar = h(doc, 'div', { className: 'chat-toolbar', attrs: { role: 'toolbar', 'aria-label': 'Group actions' } });
    this.banner = h(doc, 'div', { className: 'banner', attrs: { role: 'alert' } });
    this.olderButton = button(doc, 'Load older messages', () => void this.loadOlder(), { secondary: true });
    this.olderButton.className = 'load-older';
    this.log = h(doc, 'div', { className: 'message-log', attrs: { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-labelledby': 'chat-title' } });
    this.history = h(doc, 'div', { className: 'history', attrs: { tabindex: '0' } }, this.olderButton, this.log);
    this.history.addEventListener('scroll', () => {
      if (this.history.scrollTop < LOAD_OLDER_THRESHOLD) void this.loadOlder();
    });
    this.input = h(doc, 'vscode-textarea', {
      className: 'send-box',
      attrs: { id: 'send-box', rows: '2', resize: 'vertical', placeholder: 'Message (Enter to send, Shift+Enter for a new line)', 'aria-label': 'Message' },
    });
    this.input.addEventListener('keydown', (e) => this.onKeyDown(e as KeyboardEvent));
    const sendButton = button(doc, 'Send', () => void this.send());
    this.sendError = h(doc, 'p', { className: 'form-error', attrs: { role: 'alert' } });
    const composer = h(doc, 'div', { className: 'composer' }, this.input, sendButton);
    this.replyBar = h(doc, 'div', { className: 'reply-bar', attrs: { role: 'status' } });
    this.replyBar.hidden = true;
    this.members = new MembersList(
      doc,
      (action, username) => this.chat && actions.run(action, this.chat.group.id, username),
      (username, admin) => (this.chat ? actions.setAdmin({ groupId: this.chat.group.id, username, admin }) : Promise.resolve()),
    );
    const main = h(doc, 'div', { className: 'chat-main' }, this.banner, this.history, this.sendError, this.replyBar, composer);
    this.element = h(
      doc,
      'section',
      { className: 'part part-chat', attrs: { 'aria-labelledby': 'chat-title' } },
      h(doc, 'div', { className: 'chat-header' }, this.title, this.toolbar),
      h(doc, 'div', { className: 'chat-body' }, main, this.members.element),
    );
  }

  get groupId(): string | undefined {
    return this.chat?.group.id;
  }

  /** Shows a whole chat afresh: a different group, or the same one reopened. */
  show(chat: GroupChat, me: string | undefined): void {
    const switched = this.chat?.group.id !== chat.group.id;
    this.chat = chat;
    this.me = me;
    this.updateHeader();
    this.rendered.clear();
    this.log.replaceChildren(...chat.messages.map((m) => this.renderOne(m)));
    this.olderButton.hidden = !chat.hasMore;
    if (switched) {
      setFieldValue(this.input, '');
      this.cancelReply();
    }
    this.scrollToBottom();
  }

  updateHeader(): void {
    const chat = this.chat;
    if (!chat) return;
    const g = chat.group;
    this.title.textContent = g.name;
    this.members.update(g.members, g.isAdmin);
    const run = (action: PanelAction) => () => this.actions.run(action, g.id);
    this.toolbar.replaceChildren(
      ...(g.isAdmin ? [button(this.doc, 'Add member', run('addMember'), { secondary: true })] : []),
      button(this.doc, 'Rotate key', run('rotateGroupKey'), { secondary: true, title: 'Make a new group key and seal it for every member' }),
      button(this.doc, 'Leave', run('leaveGroup'), { secondary: true }),
      ...(g.isAdmin ? [button(this.doc, 'Delete', run('deleteGroup'), { secondary: true })] : []),
    );
    this.banner.replaceChildren();
    this.banner.hidden = !g.needsRotation;
    if (g.needsRotation) {
      this.banner.append(
        h(this.doc, 'span', { text: 'A member left. Rotate the group key before anyone can send again.' }),
        button(this.doc, 'Rotate now', run('rotateGroupKey')),
      );
    }
  }

  messageArrived(message: ChatMessageView, isNew: boolean): void {
    if (!this.chat) return;
    const old = isNew ? undefined : this.rendered.get(message.msgId);
    const el = this.renderOne(message);
    if (old) {
      old.replaceWith(el);
      return;
    }
    const atBottom = this.isNearBottom();
    const next = this.chat.messages.find((m) => m.seq > message.seq);
    const before = next ? this.rendered.get(next.msgId) : undefined;
    if (before) this.log.insertBefore(el, before);
    else this.log.append(el);
    if (atBottom || message.isMine) this.scrollToBottom();
    this.markRead();
  }

  olderArrived(): void {
    const chat = this.chat;
    if (!chat) return;
    const heightBefore = this.history.scrollHeight;
    const topBefore = this.history.scrollTop;
    const fresh = chat.messages.filter((m) => !this.rendered.has(m.msgId));
    const first = this.log.firstChild;
    for (const m of fresh) this.log.insertBefore(this.renderOne(m), first);
    this.olderButton.hidden = !chat.hasMore;
    // Keep the message the reader was looking at in place while the page above it grows.
    this.history.scrollTop = topBefore + (this.history.scrollHeight - heightBefore);
  }

  focusInput(): void {
    this.input.focus();
  }

  private renderOne(m: ChatMessageView): HTMLElement {
    const el = renderMessage(this.doc, m, this.me, {
      openSnippet: (s) => this.actions.openSnippet(s),
      reply: (msg) => this.startReply(msg),
      edit: (msg) => this.startEdit(msg),
      delete: (msg) => this.confirmDelete(msg),
      react: (msg, reaction) => void this.act(() => this.actions.react({ groupId: this.chat!.group.id, msgId: msg.msgId, reaction })),
      jumpTo: (msgId) => this.jumpTo(msgId),
      find: (msgId) => this.chat?.messages.find((x) => x.msgId === msgId),
    });
    this.rendered.set(m.msgId, el);
    return el;
  }

  private async loadOlder(): Promise<void> {
    const chat = this.chat;
    const oldest = chat?.messages[0];
    if (!chat || !chat.hasMore || this.loadingOlder) return;
    this.loadingOlder = true;
    this.olderButton.setAttribute('disabled', '');
    try {
      await this.actions.loadOlder({ groupId: chat.group.id, beforeSeq: oldest ? oldest.seq : Number.MAX_SAFE_INTEGER });
    } catch (e) {
      // Called from a click or a scroll, where nobody awaits it: the failure is shown here.
      this.sendError.textContent = errorMessage(e);
    } finally {
      this.loadingOlder = false;
      this.olderButton.removeAttribute('disabled');
    }
  }

  /** Runs a message action; a refusal shows where send errors do. */
  private async act(action: () => Promise<unknown>): Promise<void> {
    if (!this.chat) return;
    this.sendError.textContent = '';
    try {
      await action();
    } catch (e) {
      this.sendError.textContent = errorMessage(e);
    }
  }

  startReply(msg: ChatMessageView): void {
    this.replyTo = msg;
    const cancel = h(this.doc, 'button', { className: 'icon-button', text: '✕', attrs: { type: 'button', 'aria-label': 'Cancel reply', title: 'Cancel reply (Escape)' } });
    cancel.addEventListener('click', () => {
      this.cancelReply();
      this.focusInput();
    });
    this.replyBar.replaceChildren(
      h(this.doc, 'span', { className: 'reply-label', text: `Replying to ${msg.sender}` }),
      h(this.doc, 'span', { className: 'reply-text', text: excerpt(msg) }),
      cancel,
    );
    this.replyBar.hidden = false;
    this.focusInput();
  }

  private cancelReply(): void {
    this.replyTo = undefined;
    this.replyBar.hidden = true;
    this.replyBar.replaceChildren();
  }

  /** Swaps the message's body for an edit box: Enter saves, Escape cancels. */
  private startEdit(msg: ChatMessageView): void {
    const article = this.rendered.get(msg.msgId);
    const body = article?.querySelector('.body');
    if (!article || !body || article.querySelector('.edit-box')) return;
    const box = h(this.doc, 'vscode-textarea', { className: 'edit-box', attrs: { rows: '2', resize: 'vertical', 'aria-label': 'Edit message (Enter to save, Escape to cancel)' } });
    setFieldValue(box, msg.body);
    const hint = h(this.doc, 'p', { className: 'hint edit-hint', text: 'Enter to save · Escape to cancel' });
    const editor = h(this.doc, 'div', { className: 'message-editor' }, box, hint);
    const close = () => {
      editor.replaceWith(body);
      article.focus();
    };
    box.addEventListener('keydown', (ev) => {
      const e = ev as KeyboardEvent;
      if (e.key === 'Escape') {
        e.preventDefault();
        close();
      } else if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        const text = fieldValue(box).trim();
        if (!text || text === msg.body) return close();
        void this.act(async () => {
          await this.actions.edit({ groupId: this.chat!.group.id, msgId: msg.msgId, body: text });
          if (editor.isConnected) close();
        });
      }
    });
    body.replaceWith(editor);
    box.focus();
  }

  /** Deleting cannot be undone, so it asks first, inside the message. */
  private confirmDelete(msg: ChatMessageView): void {
    const article = this.rendered.get(msg.msgId);
    if (!article || article.querySelector('.confirm-delete')) return;
    const bar = h(this.doc, 'div', { className: 'confirm-delete', attrs: { role: 'alertdialog', 'aria-label': 'Delete this message?' } });
    const yes = button(this.doc, 'Delete', () => {
      bar.remove();
      void this.act(() => this.actions.delete({ groupId: this.chat!.group.id, msgId: msg.msgId }));
    });
    const no = button(this.doc, 'Cancel', () => {
      bar.remove();
      article.focus();
    }, { secondary: true });
    bar.append(h(this.doc, 'span', { text: 'Delete this message for everyone?' }), yes, no);
    article.append(bar);
    no.focus();
  }

  private jumpTo(msgId: string): void {
    const target = this.rendered.get(msgId);
    if (!target) return;
    target.scrollIntoView?.({ block: 'center' });
    target.classList.add('flash');
    target.focus();
    setTimeout(() => target.classList.remove('flash'), 1200);
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.replyTo) {
      e.preventDefault();
      this.cancelReply();
      return;
    }
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
    e.preventDefault();
    void this.send();
  }

  private async send(): Promise<void> {
    const chat = this.chat;
    const body = fieldValue(this.input).trim();
    if (!chat || !body || this.sending) return;
    this.sending = true;
    this.sendError.textContent = '';
    try {
      const replyTo = this.replyTo?.msgId;
      await this.actions.send({ groupId: chat.group.id, body, ...(replyTo ? { replyTo } : {}) });
      setFieldValue(this.input, '');
      this.cancelReply();
    } catch (e) {
      this.sendError.textContent = errorMessage(e);
    } finally {
      this.sending = false;
    }
  }

  /** Just made visible: start at the newest message, which is now seen. */
  revealed(): void {
    this.scrollToBottom();
    this.markRead();
  }

  /** Marks the newest message read, if the user can see it. */
  markRead(): void {
    if (!this.actions.isVisible() || this.element.hidden) return;
    const last = this.chat?.messages.at(-1);
    if (this.chat && last) this.actions.markRead(this.chat.group.id, last.seq);
  }

  private isNearBottom(): boolean {
    return this.history.scrollHeight - this.history.scrollTop - this.history.clientHeight < 40;
  }

  private scrollToBottom(): void {
    this.history.scrollTop = this.history.scrollHeight;
  }
}
