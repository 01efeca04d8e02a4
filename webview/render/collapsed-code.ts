// Long code shows its first lines and a button for the rest, as Slack folds a long paste: a
// 20,000-line snippet would otherwise take the panel a tenth of a second to lay out, and push
// the conversation out of sight. The whole code is rendered only when the reader asks.
// Every block, folded or not, sits in a frame with a Copy button for all of its code.
import { ElementBudget } from './highlight';
import { renderCodeBlock } from './code-block';
import { renderCopyButton } from './copy-button';

export const COLLAPSED_LINES = 40;

export function renderCollapsibleCode(doc: Document, code: string, language: string, firstLine?: number, budget?: ElementBudget): HTMLElement[] {
  const lines = code.split('\n');
  if (lines.length <= COLLAPSED_LINES) return [framed(doc, code, renderCodeBlock(doc, code, language, firstLine, budget))];
  const shown = renderCodeBlock(doc, lines.slice(0, COLLAPSED_LINES).join('\n'), language, firstLine, budget);
  shown.classList.add('collapsed');
  const more = doc.createElement('button');
  more.type = 'button';
  more.className = 'show-all-code';
  more.textContent = `Show all ${lines.length.toLocaleString('en-US')} lines`;
  more.addEventListener('click', () => {
    const full = renderCodeBlock(doc, code, language, firstLine, new ElementBudget());
    shown.replaceWith(full);
    more.remove();
    full.focus();
  });
  return [framed(doc, code, shown), more];
}

function framed(doc: Document, code: string, pre: HTMLElement): HTMLElement {
  const frame = doc.createElement('div');
  frame.className = 'code-frame';
  frame.append(pre, renderCopyButton(doc, code));
  return frame;
}
