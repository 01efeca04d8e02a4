// A shared diff's card: what was shared and its summary, "Open diff" and "Apply" (which the
// extension host does: the panel never touches a file), and each file as a row with its +/-
// counts that opens to its hunks, lines coloured by the syntax highlighter on +/- backgrounds
// of the theme. A short diff shows open; a long one shows its file list, each file rendered
// only when opened, within an element budget. Labels, paths and lines are member text:
// textContent only.
import type { ChatMessageView, DiffFileView, DiffView } from '../../common/webview-protocol';
import { h } from '../dom';
import { ElementBudget, highlightLine } from './highlight';

export interface DiffCardHandlers {
  openDiff(msg: ChatMessageView): void;
  applyDiff(msg: ChatMessageView): void;
}

/** A diff of at most this many lines shows every file open. */
const OPEN_LINES = 60;
/** Elements one opened file may add; past it the rest of its lines are plain text. */
const FILE_BUDGET = 3_000;
const STATUS_MARK: Record<DiffFileView['status'], string> = { modified: 'M', added: 'A', deleted: 'D', renamed: 'R', copied: 'C' };

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1) : '';
}

function counts(doc: Document, added: number, removed: number): HTMLElement[] {
  return [h(doc, 'span', { className: 'diff-added', text: `+${added}` }), h(doc, 'span', { className: 'diff-removed', text: `−${removed}` })];
}

export function diffSummaryText(diff: DiffView): string {
  const files = diff.files.length + (diff.moreFiles ?? 0);
  return `${files} file${files === 1 ? '' : 's'}`;
}

function renderLines(doc: Document, file: DiffFileView): HTMLElement {
  const pre = h(doc, 'pre', { className: 'diff-lines', attrs: { tabindex: '0' } });
  const code = h(doc, 'code');
  const language = extensionOf(file.path);
  const budget = new ElementBudget(FILE_BUDGET);
  const lines = file.lines ?? [];
  for (const [i, line] of lines.entries()) {
    if (!budget.take(3)) {
      code.append(doc.createTextNode(lines.slice(i).join('\n')));
      break;
    }
    const mark = line.startsWith('@@') ? '@' : (line[0] ?? ' ');
    const kind = mark === '+' ? 'diff-add' : mark === '-' ? 'diff-del' : mark === '@' ? 'diff-hunk' : mark === '\\' ? 'diff-note' : 'diff-ctx';
    const row = h(doc, 'span', { className: `diff-line ${kind}` });
    if (mark === '@' || mark === '\\') row.textContent = line;
    else row.append(h(doc, 'span', { className: 'diff-mark', text: mark, attrs: { 'aria-hidden': 'true' } }), ...highlightLine(doc, line.slice(1), language, budget));
    code.append(row, doc.createTextNode('\n'));
  }
  pre.append(code);
  return pre;
}

function renderFile(doc: Document, file: DiffFileView, open: boolean): HTMLElement {
  const item = h(doc, 'li', { className: 'diff-file' });
  item.dataset.path = file.path;
  const name = file.oldPath ? `${file.oldPath} → ${file.path}` : file.path;
  const toggle = h(doc, 'button', { className: 'diff-file-toggle', attrs: { type: 'button', 'aria-expanded': 'false', title: `${file.status}: ${name}` } },
    h(doc, 'span', { className: `diff-status diff-status-${file.status}`, text: STATUS_MARK[file.status], attrs: { 'aria-label': file.status } }),
    h(doc, 'bdi', { className: 'diff-path', text: name }),
    ...(file.binary ? [h(doc, 'span', { className: 'diff-binary', text: 'binary' })] : counts(doc, file.added, file.removed)));
  item.append(toggle);
  if (!file.lines || file.lines.length === 0) {
    toggle.disabled = true;
    return item;
  }
  let body: HTMLElement | undefined;
  const show = (shown: boolean) => {
    if (shown && !body) item.append((body = renderLines(doc, file)));
    if (body) body.hidden = !shown;
    toggle.setAttribute('aria-expanded', String(shown));
    item.classList.toggle('open', shown);
  };
  toggle.addEventListener('click', () => show(toggle.getAttribute('aria-expanded') !== 'true'));
  if (open) show(true);
  return item;
}

export function renderDiffCard(doc: Document, msg: ChatMessageView, diff: DiffView, on: DiffCardHandlers | undefined): HTMLElement {
  const card = h(doc, 'figure', { className: 'diff-card', attrs: { role: 'group', 'aria-label': `Diff: ${diff.label}` } });
  const added = diff.files.reduce((n, f) => n + f.added, 0);
  const removed = diff.files.reduce((n, f) => n + f.removed, 0);
  const caption = h(doc, 'figcaption', { className: 'diff-caption' },
    h(doc, 'span', { className: 'diff-icon', text: '±', attrs: { 'aria-hidden': 'true' } }),
    h(doc, 'bdi', { className: 'diff-label', text: diff.label }),
    h(doc, 'span', { className: 'diff-summary', text: diffSummaryText(diff) }),
    ...counts(doc, added, removed));
  if (on) {
    const actions = h(doc, 'span', { className: 'diff-actions' });
    const openDiff = h(doc, 'button', { className: 'link-button diff-open', text: 'Open diff', attrs: { type: 'button', title: 'Open each file in VS Code\'s diff editor' } });
    openDiff.addEventListener('click', () => on.openDiff(msg));
    const apply = h(doc, 'button', { className: 'link-button diff-apply', text: 'Apply', attrs: { type: 'button', title: 'Check it against your files, show what it changes, and apply it when you confirm' } });
    apply.addEventListener('click', () => on.applyDiff(msg));
    actions.append(openDiff, apply);
    caption.append(actions);
  }
  card.append(caption);
  const total = diff.files.reduce((n, f) => n + (f.lines?.length ?? 0), 0);
  const list = h(doc, 'ul', { className: 'diff-files' }, ...diff.files.map((f) => renderFile(doc, f, total <= OPEN_LINES)));
  card.append(list);
  if (diff.moreFiles) card.append(h(doc, 'p', { className: 'diff-more', text: `and ${diff.moreFiles} more file${diff.moreFiles === 1 ? '' : 's'}` }));
  if (diff.attachedBytes !== undefined) {
    card.append(h(doc, 'p', { className: 'diff-attached', text: `The diff is in an encrypted attachment (${Math.max(1, Math.round(diff.attachedBytes / 1024))} KiB): Open diff or Apply fetches it.` }));
  }
  return card;
}
