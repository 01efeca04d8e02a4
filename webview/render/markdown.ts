// A small Markdown subset rendered straight into DOM nodes with textContent, so user text can
// never become markup: fenced code blocks, paragraphs and line breaks, `code`, **bold**,
// *italic*, [links](https://…) (http/https only) and @mentions.

import { highlightLine } from './highlight';

const FENCE = /^```([\w+#.-]*)[ \t]*$/;
const INLINE = /(`[^`\n]+`)|(\*\*[^*\n]+\*\*)|(\*[^*\s][^*\n]*\*|_[^_\s][^_\n]*_)|(\[[^\]\n]+\]\([^)\s]+\))|(@[a-z0-9][a-z0-9._-]{1,31})/g;

export function renderMarkdown(doc: Document, text: string, me?: string): DocumentFragment {
  const out = doc.createDocumentFragment();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) out.append(renderParagraph(doc, paragraph, me));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = FENCE.exec(line.trim());
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !/^```\s*$/.test((lines[i] ?? '').trim()); i++) code.push(lines[i] ?? '');
      out.append(renderCodeBlock(doc, code.join('\n'), fence[1] ?? ''));
    } else if (line.trim() === '') {
      flush();
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return out;
}

export function renderCodeBlock(doc: Document, code: string, language: string, firstLine?: number): HTMLElement {
  const pre = doc.createElement('pre');
  pre.className = 'code-block';
  pre.tabIndex = 0;
  const el = doc.createElement('code');
  if (language) el.dataset.language = language;
  if (firstLine !== undefined) {
    code.split('\n').forEach((text, i) => {
      const row = doc.createElement('span');
      row.className = 'code-line';
      const num = doc.createElement('span');
      num.className = 'line-number';
      num.setAttribute('aria-hidden', 'true');
      num.textContent = String(firstLine + i);
      const content = doc.createElement('span');
      content.append(...highlightLine(doc, text, language));
      row.append(num, content, doc.createTextNode('\n'));
      el.append(row);
    });
  } else {
    code.split('\n').forEach((text, i) => {
      if (i > 0) el.append(doc.createTextNode('\n'));
      el.append(...highlightLine(doc, text, language));
    });
  }
  pre.append(el);
  return pre;
}

function renderParagraph(doc: Document, lines: string[], me?: string): HTMLElement {
  const p = doc.createElement('p');
  lines.forEach((line, i) => {
    if (i > 0) p.append(doc.createElement('br'));
    p.append(...renderInline(doc, line, me));
  });
  return p;
}

export function renderInline(doc: Document, text: string, me?: string): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
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
