// A small Markdown subset rendered straight into DOM nodes with textContent, so user text can
// never become markup: fenced code blocks, paragraphs and line breaks, lists and block quotes
// (markdown-blocks.ts), and inline `code`, **bold**, *italic*, ~~strike~~, [links](https://…)
// (http/https only) and @mentions (markdown-inline.ts).

import { renderCollapsibleCode } from './collapsed-code';
import { ElementBudget } from './highlight';
import { classifyLine, renderBlock, type BlockLine } from './markdown-blocks';
import { element } from './markdown-inline';

const FENCE = /^```([\w+#.-]*)[ \t]*$/;

export function renderMarkdown(doc: Document, text: string, me?: string, budget = new ElementBudget()): DocumentFragment {
  const out = doc.createDocumentFragment();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let block: BlockLine[] = [];
  const flush = () => {
    const kind = block[0]?.kind;
    if (kind) out.append(renderBlock(doc, kind, block, me, budget));
    block = [];
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
      const next = classifyLine(line);
      if (block[0] && block[0].kind !== next.kind) flush();
      block.push(next);
    }
  }
  flush();
  return out;
}
