// A code block: highlighted lines, with line numbers when the code has a place in a file.
// Past the element budget the rest is plain text in the same <pre>, so it keeps its layout.
import { ElementBudget, highlightLine } from './highlight';

export function renderCodeBlock(doc: Document, code: string, language: string, firstLine?: number, budget = new ElementBudget()): HTMLElement {
  const pre = doc.createElement('pre');
  pre.className = 'code-block';
  pre.tabIndex = 0;
  const el = doc.createElement('code');
  if (language) el.dataset.language = language;
  if (firstLine !== undefined) {
    const lines = code.split('\n');
    for (const [i, text] of lines.entries()) {
      if (!budget.take(3)) {
        // Past the budget the remaining lines are plain text: the <pre> keeps their layout.
        el.append(doc.createTextNode(lines.slice(i).join('\n')));
        break;
      }
      const row = doc.createElement('span');
      row.className = 'code-line';
      const num = doc.createElement('span');
      num.className = 'line-number';
      num.setAttribute('aria-hidden', 'true');
      num.textContent = String(firstLine + i);
      const content = doc.createElement('span');
      content.append(...highlightLine(doc, text, language, budget));
      row.append(num, content, doc.createTextNode('\n'));
      el.append(row);
    }
  } else {
    code.split('\n').forEach((text, i) => {
      if (i > 0) el.append(doc.createTextNode('\n'));
      el.append(...highlightLine(doc, text, language, budget));
    });
  }
  pre.append(el);
  return pre;
}
