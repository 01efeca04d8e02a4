// The block part of the Markdown subset: paragraphs, "- item" / "* item" / "1. item" lists and
// "> quote" blocks. Each line is classified by one anchored pattern with a bounded prefix, and
// a block's content is inline text only (a quote holds no list, a list item no quote), so a
// run of 40,000 ">" or "- " is one line of text, never 20,000 nested blocks.
import type { ElementBudget } from './highlight';
import { appendLines } from './markdown-inline';

export type BlockKind = 'p' | 'ul' | 'ol' | 'quote';

export interface BlockLine {
  kind: BlockKind;
  /** The line as written, shown whole when the element budget runs out. */
  raw: string;
  /** The line without its list or quote mark. */
  text: string;
  /** An ordered item's number. */
  number?: number;
}

const QUOTE = /^ {0,3}> ?/;
const LIST = /^ {0,3}(?:([-*+])|(\d{1,9})[.)])[ \t]+(?=\S)/;

export function classifyLine(raw: string): BlockLine {
  const quote = QUOTE.exec(raw);
  if (quote) return { kind: 'quote', raw, text: raw.slice(quote[0].length) };
  const item = LIST.exec(raw);
  if (item) {
    const text = raw.slice(item[0].length);
    return item[1] ? { kind: 'ul', raw, text } : { kind: 'ol', raw, text, number: Number(item[2]) };
  }
  return { kind: 'p', raw, text: raw };
}

export function renderBlock(doc: Document, kind: BlockKind, lines: BlockLine[], me: string | undefined, budget: ElementBudget): HTMLElement {
  if (kind === 'ul' || kind === 'ol') return renderList(doc, kind, lines, me, budget);
  if (kind === 'quote') return renderQuote(doc, lines, me, budget);
  const p = doc.createElement('p');
  budget.take(1);
  appendLines(doc, p, lines.map((l) => l.text), me, budget);
  return p;
}

function renderList(doc: Document, kind: 'ul' | 'ol', lines: BlockLine[], me: string | undefined, budget: ElementBudget): HTMLElement {
  const list = doc.createElement(kind);
  budget.take(1);
  const first = lines[0]?.number;
  if (kind === 'ol' && first !== undefined && first !== 1) list.setAttribute('start', String(first));
  for (const [i, line] of lines.entries()) {
    if (!budget.take(1)) {
      list.append(doc.createTextNode(lines.slice(i).map((l) => l.raw).join('\n')));
      break;
    }
    const li = doc.createElement('li');
    appendLines(doc, li, [line.text], me, budget);
    list.append(li);
  }
  return list;
}

/** A quote's lines, in paragraphs where a line of only ">" stands between them. */
function renderQuote(doc: Document, lines: BlockLine[], me: string | undefined, budget: ElementBudget): HTMLElement {
  const quote = doc.createElement('blockquote');
  budget.take(1);
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && (lines[i]?.text.trim() ?? '') !== '') continue;
    const part = lines.slice(start, i);
    start = i + 1;
    if (!part.length) continue;
    if (!budget.take(1)) {
      quote.append(doc.createTextNode(lines.slice(i - part.length).map((l) => l.raw).join('\n')));
      break;
    }
    const p = doc.createElement('p');
    appendLines(doc, p, part.map((l) => l.text), me, budget);
    quote.append(p);
  }
  return quote;
}
