// One chat message as an <article>: who, when, the marks (edited, deleted, could not decrypt,
// signature failed) and the content, all through textContent or the safe Markdown renderer.
import type { ChatMessageView, SnippetView } from '../../common/webview-protocol';
import { renderCollapsibleCode } from './collapsed-code';
import { renderDiffCard, type DiffCardHandlers } from './diff-card';
import { renderDiscussionState } from './discussion-state';
import { renderFileCard, type FileCardHandlers } from './file-card';
import { renderMarkdown } from './markdown';
import { renderReactions, renderReplyQuote, renderToolbar, type MessageActionHandlers } from './message-actions';
import { renderSnippetDiagnostic } from './snippet-diagnostic';
import { renderSnippetOrigin } from './snippet-origin';
import { renderThreadSummary } from './thread-summary';

export interface MessageActions extends Partial<MessageActionHandlers> {
  openSnippet(snippet: SnippetView): void;
  /** Open, Save and Show of a file's card; without them the card only shows the file. */
  file?: FileCardHandlers;
  /** Open diff and Apply of a shared diff's card; without them the card only shows the diff. */
  diff?: DiffCardHandlers;
}

export const INTEGRITY_TEXT = {
  'could-not-decrypt': 'Could not decrypt this message. It may have been sealed with a key you do not hold, or changed on the way.',
  'bad-signature': 'The signature on this message did not verify: it may not be from the sender shown. Its text is hidden.',
  'stale-key': 'This message uses a group key that was replaced before it was sent: it may come from a removed member. Its text is hidden.',
  'log-mismatch': "This message does not fit the group's signed history: its sender was not a member then, or was shown another history of the group. Its text is hidden.",
} as const;

export function renderMessage(doc: Document, msg: ChatMessageView, me: string | undefined, actions: MessageActions): HTMLElement {
  const article = doc.createElement('article');
  article.className = 'message';
  article.dataset.msgId = msg.msgId;
  article.dataset.seq = String(msg.seq);
  article.classList.toggle('mine', msg.isMine);
  article.classList.toggle('mentions-me', msg.mentionsMe);
  article.classList.toggle('deleted', msg.deleted);
  article.classList.toggle('broken', msg.integrity !== 'ok');
  article.tabIndex = -1;

  const header = doc.createElement('header');
  const sender = doc.createElement('span');
  sender.className = 'sender';
  sender.textContent = msg.sender;
  const time = doc.createElement('time');
  time.dateTime = msg.sentAt;
  time.textContent = formatTime(msg.sentAt);
  time.title = new Date(msg.sentAt).toLocaleString();
  header.append(sender, time);
  if (msg.edited && !msg.deleted) header.append(mark(doc, 'edited', 'mark-edited'));
  if (msg.deleted) header.append(mark(doc, 'deleted', 'mark-deleted'));
  if (msg.threadRoot && msg.alsoToGroup) header.append(mark(doc, 'replied in a thread', 'mark-thread'));
  article.append(header);
  const handlers = withHandlers(actions);
  if (handlers && msg.replyTo && !msg.deleted) article.append(renderReplyQuote(doc, msg.replyTo, handlers));

  const body = doc.createElement('div');
  body.className = 'body';
  if (msg.integrity !== 'ok') {
    const warn = doc.createElement('div');
    warn.className = `integrity integrity-${msg.integrity}`;
    warn.setAttribute('role', 'note');
    const icon = doc.createElement('span');
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = '⚠ ';
    const text = doc.createElement('span');
    text.textContent = INTEGRITY_TEXT[msg.integrity];
    warn.append(icon, text);
    body.append(warn);
  } else if (msg.deleted) {
    const p = doc.createElement('p');
    p.className = 'deleted-text';
    p.textContent = 'This message was deleted.';
    body.append(p);
  } else {
    if (msg.snippet) body.append(renderSnippet(doc, msg.snippet, actions));
    if (msg.diff) body.append(renderDiffCard(doc, msg, msg.diff, actions.diff));
    else if (msg.file) body.append(renderFileCard(doc, msg, msg.file, actions.file));
    if (msg.body) body.append(renderMarkdown(doc, msg.body, me));
  }
  article.append(body);
  if (msg.discussion && msg.integrity === 'ok') article.append(renderDiscussionState(doc, msg.discussion));
  if (handlers && msg.integrity === 'ok' && !msg.deleted) {
    const reactions = renderReactions(doc, msg, me, handlers);
    if (reactions) article.append(reactions);
    article.append(renderToolbar(doc, msg, me, handlers));
  }
  if (handlers?.replyInThread && msg.thread && msg.thread.replies > 0) article.append(renderThreadSummary(doc, msg.thread, () => handlers.replyInThread?.(msg)));
  const marks = [msg.integrity !== 'ok' ? 'could not be verified' : '', msg.deleted ? 'deleted' : msg.edited ? 'edited' : '', msg.mentionsMe ? 'mentions you' : '']
    .filter(Boolean);
  article.setAttribute('aria-label', [`${msg.sender}`, formatTime(msg.sentAt), ...marks].join(', '));
  return article;
}

/** The message actions only when all of them are wired (a bare render shows none). */
function withHandlers(a: MessageActions): MessageActionHandlers | undefined {
  return a.reply && a.edit && a.delete && a.react && a.jumpTo && a.find ? (a as MessageActionHandlers) : undefined;
}

export function snippetLabel(s: Pick<SnippetView, 'path' | 'startLine' | 'endLine'>): string {
  return s.startLine === s.endLine ? `${s.path}:${s.startLine}` : `${s.path}:${s.startLine}-${s.endLine}`;
}

function renderSnippet(doc: Document, snippet: SnippetView, actions: MessageActions): HTMLElement {
  const figure = doc.createElement('figure');
  figure.className = 'snippet';
  const caption = doc.createElement('figcaption');
  const link = doc.createElement('button');
  link.type = 'button';
  link.className = 'snippet-link';
  link.textContent = snippetLabel(snippet);
  link.title = `Open ${snippetLabel(snippet)} in your workspace`;
  link.addEventListener('click', () => actions.openSnippet(snippet));
  caption.append(link);
  if (snippet.language) caption.append(mark(doc, snippet.language, 'language'));
  if (snippet.origin) caption.append(renderSnippetOrigin(doc, snippet.origin));
  figure.append(caption);
  if (snippet.diagnostic) figure.append(renderSnippetDiagnostic(doc, snippet.diagnostic));
  figure.append(...renderCollapsibleCode(doc, snippet.code, snippet.language, snippet.startLine));
  return figure;
}

function mark(doc: Document, text: string, className: string): HTMLElement {
  const el = doc.createElement('span');
  el.className = `mark ${className}`;
  el.textContent = text;
  return el;
}

export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const sameDay = d.toDateString() === new Date().toDateString();
  const hm = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return sameDay ? hm : `${d.toLocaleDateString([], { month: 'short', day: 'numeric' })} ${hm}`;
}
