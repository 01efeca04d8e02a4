// The inline part of the Markdown subset: `code`, **bold**, *italic*, ~~strike~~,
// [links](https://…) (http/https only) and @mentions, each an element filled by textContent.
// Code references (src/a.ts:3, a commit hash, #12) become links in plain text and in `code`
// alike, as people write paths in backticks (code-link.ts).
import { renderLinkedText } from './code-link';
import { ElementBudget } from './highlight';

// Linear on any line: each part stops at the next character that could start another try
// of the same part, so no character is scanned by more than a few tries. (A link's text and
// address may not hold "[": with it, a line of 40,000 "[" or "[a](" rescanned the rest of
// the line from every bracket, and took seconds.) A strike's text, like GitHub's, neither
// starts nor ends with a space, and holds no "~": it is scanned up to the next "~" only.
// "_" inside a word (snake_case, my_file_name.py) is no emphasis, as on GitHub.
const INLINE = /(`[^`\n]+`)|(\*\*[^*\n]+\*\*)|(\*[^*\s][^*\n]*\*|(?<![\p{L}\p{N}_])_[^_\s][^_\n]*_(?![\p{L}\p{N}_]))|(~~[^~\s](?:[^~\n]*[^~\s])?~~)|(\[[^[\]\n]+\]\([^)\s[]+\))|(@[a-z0-9][a-z0-9._-]{1,31})/gu;

export function renderInline(doc: Document, text: string, me?: string, budget = new ElementBudget()): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (!budget.take(1)) break;
    const at = m.index ?? 0;
    if (at > last) nodes.push(...renderLinkedText(doc, text.slice(last, at), budget));
    nodes.push(renderToken(doc, m, me, budget));
    last = at + m[0].length;
  }
  if (last < text.length) nodes.push(...renderLinkedText(doc, text.slice(last), budget));
  return nodes;
}

function renderToken(doc: Document, m: RegExpMatchArray, me: string | undefined, budget: ElementBudget): Node {
  const [whole, code, bold, italic, strike, link, mention] = m;
  if (code) {
    const el = doc.createElement('code');
    el.append(...renderLinkedText(doc, code.slice(1, -1), budget));
    return el;
  }
  if (bold) return element(doc, 'strong', bold.slice(2, -2));
  if (italic) return element(doc, 'em', italic.slice(1, -1));
  if (strike) return element(doc, 's', strike.slice(2, -2));
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
    // Anyone else's name opens the direct message with them, from a click (chat-view.ts).
    if (mention.slice(1) !== me) {
      span.dataset.username = mention.slice(1);
      span.title = `Message ${mention.slice(1)}`;
    }
    return span;
  }
  return doc.createTextNode(whole);
}

export function element(doc: Document, tag: string, text: string): HTMLElement {
  const el = doc.createElement(tag);
  el.textContent = text;
  return el;
}

/** Lines shown one after another in `parent`, with <br> between; past the budget, the rest as text. */
export function appendLines(doc: Document, parent: HTMLElement, lines: string[], me: string | undefined, budget: ElementBudget): void {
  for (const [i, line] of lines.entries()) {
    if (i > 0 && !budget.take(1)) {
      parent.append(doc.createTextNode('\n' + lines.slice(i).join('\n')));
      return;
    }
    if (i > 0) parent.append(doc.createElement('br'));
    parent.append(...renderInline(doc, line, me, budget));
  }
}
