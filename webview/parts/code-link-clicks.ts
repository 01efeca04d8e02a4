// A click on a code link anywhere in the panel (a message, a thread, a quote): the host is asked
// to open it in the reader's own workspace (render/code-link.ts makes the links).
import type { CodeLinkTarget } from '../../common/code/code-links';
import { codeLinkTargetOf } from '../render/code-link';

export function openCodeLinksOnClick(root: HTMLElement, open: (target: CodeLinkTarget) => void): void {
  root.addEventListener('click', (e) => {
    const clicked = e.target as Partial<HTMLElement> | null;
    const link = typeof clicked?.closest === 'function' ? clicked.closest<HTMLElement>('.code-link') : null;
    const target = link ? codeLinkTargetOf(link) : undefined;
    if (!target) return;
    e.preventDefault();
    open(target);
  });
}
