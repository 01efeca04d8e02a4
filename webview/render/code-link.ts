// Code references in a message's text (common/code/code-links.ts) as links: a button styled as
// a link, its target in data attributes and its title saying what a click does. The click is
// the panel's (parts/code-link-clicks.ts): it asks the host, which opens the reader's own file
// or commit. Text goes in by textContent; a message shows at most MAX_CODE_LINKS of them.
import { codeLinkTitle, findCodeLinks, MAX_CODE_LINKS, parseCodeLinkTarget, type CodeLinkTarget } from '../../common/code/code-links';
import type { ElementBudget } from './highlight';

/** Links shown so far in the message each budget belongs to (one budget per message render). */
const shown = new WeakMap<ElementBudget, number>();

/** `text` as text nodes with its code references made links. */
export function renderLinkedText(doc: Document, text: string, budget: ElementBudget): Node[] {
  const used = shown.get(budget) ?? 0;
  const links = used < MAX_CODE_LINKS ? findCodeLinks(text, MAX_CODE_LINKS - used) : [];
  if (!links.length) return text ? [doc.createTextNode(text)] : [];
  const nodes: Node[] = [];
  let last = 0;
  for (const { start, end, target } of links) {
    if (!budget.take(1)) break;
    if (start > last) nodes.push(doc.createTextNode(text.slice(last, start)));
    nodes.push(codeLinkElement(doc, text.slice(start, end), target));
    shown.set(budget, (shown.get(budget) ?? 0) + 1);
    last = end;
  }
  if (last < text.length) nodes.push(doc.createTextNode(text.slice(last)));
  return nodes;
}

function codeLinkElement(doc: Document, text: string, target: CodeLinkTarget): HTMLElement {
  const link = doc.createElement('button');
  link.type = 'button';
  link.className = `code-link code-link-${target.kind}`;
  link.textContent = text;
  link.title = codeLinkTitle(target);
  link.dataset.kind = target.kind;
  if (target.kind === 'path') {
    link.dataset.path = target.path;
    link.dataset.line = String(target.line);
    if (target.endLine) link.dataset.endLine = String(target.endLine);
  } else if (target.kind === 'commit') {
    link.dataset.hash = target.hash;
  } else {
    link.dataset.number = String(target.number);
  }
  return link;
}

/** The target a rendered link names, read back and checked again. */
export function codeLinkTargetOf(link: HTMLElement): CodeLinkTarget | undefined {
  const { kind, path, line, endLine, hash, number } = link.dataset;
  const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
  return parseCodeLinkTarget({ kind, path, line: num(line), endLine: num(endLine), hash, number: num(number) });
}
