// A small Markdown subset rendered straight into DOM nodes with textContent, so user text can
// never become markup: fenced code blocks, paragraphs and line breaks, `code`, **bold**,
// *italic*, [links](https://…) (http/https only) and @mentions.

import { renderCollapsibleCode } from './collapsed-code';
import { ElementBudget } from './highlight';

const FENCE = /^```([\w+#.-]*)[ \t]*$/;
// Linear on any line: each part stops at the next character that could start another try
// of the same part, so no character is scanned by more than a few tries. (A link's text and
// address may not hold "[": with it, a line of 40,000 "[" or "[a](" rescanned the rest of
// the line from every bracket, and took seconds.)
const INLINE = /(`[^`\n]+`)|(\*\*[^*\n]+\*\*)|(\*[^*\s][^*\n]*\*|_[^_\s][^_\n]*_)|(\[[^[\]\n]+\]\([^)\s[]+\))|(@[a-z0-9][a-z0-9._-]{1,31})/g;

export function renderMarkdown(doc: Document, text: string, me?: string, budget = new ElementBudget()): DocumentFragment {
  const out = doc.createDocumentFragment();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) out.append(renderParagraph(doc, paragraph, me, budget));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    if (budget.spent) {
      // Thousands of lines or marks: the rest is shown as it was written, in one paragraph.
      flush();
      out.append(element(doc, 'p', lines.slice(i).join('\n')));
      break;
    }
    const line = lines[i] ?? '';
    const fence = FENCE.exec(line.trim());
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !/^```\s*$/.test((lines[i] ?? '').trim()); i++) code.push(lines[i] ?? '');
      out.append(...renderCollapsibleCode(doc, code.join('\n'), fence[1] ?? '', undefined, budget));
    } else if (line.trim() === '') {
      flush();
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return out;
}

function renderParagraph(doc: Document, lines: string[], me: string | undefined, budget: ElementBudget): HTMLElement {
  const p = doc.createElement('p');
  budget.take(1);
  for (const [i, line] of lines.entries()) {
    if (i > 0 && !budget.take(1)) {
      p.append(doc.createTextNode('\n' + lines.slice(i).join('\n')));
      break;
    }
    if (i > 0) p.append(doc.createElement('br'));
    p.append(...renderInline(doc, line, me, budget));
  }
  return p;
}

export function renderInline(doc: Document, text: string, me?: string, budget = new ElementBudget()): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (!budget.take(1)) break;
    const at = m.index ?? 0;
    if (at > last) nodes.push(doc.createTextNode(text.slice(last, at)));
    nodes.push(renderToken(doc, m, me));
    last = at + m[0].length;
  }
  if (last < text.length) nodes.push(doc.createTextNode(text.slice(last)));
  return nodes;
}

function renderToken(doc: Document, m: RegExpMatchArray, me?: string): Node {
  const [whole, code, bold, italic, link, mention] = m;
  if (code) return element(doc, 'code', code.slice(1, -1));
  if (bold) return element(doc, 'strong', bold.slice(2, -2));
  if (italic) return element(doc, 'em', italic.slice(1, -1));
  if (link) {
    const split = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(link);
    const href = split?.[2] ?? '';
    if (!/^https?:\/\//i.test(href)) return doc.createTextNode(link);
    const a = element(doc, 'a', split?.[1] ?? href) as HTMLAnchorElement;
    a.href = href;
    a.title = href;
    return a;
  }
  if (mention) {
    const span = element(doc, 'span', mention);
    span.className = mention.slice(1) === me ? 'mention mention-me' : 'mention';
    return span;
  }
  return doc.createTextNode(whole);
}

function element(doc: Document, tag: string, text: string): HTMLElement {
  const el = doc.createElement(tag);
  el.textContent = text;
  return el;
}
