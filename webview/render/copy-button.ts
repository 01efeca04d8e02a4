// A small "Copy" button on a code block: the whole code goes to the clipboard (a folded block
// included), and the button says "Copied" for a moment. The webview's navigator.clipboard is
// used when it is there; otherwise the code is selected and copied as a user would.

export const COPIED_FOR_MS = 1500;

export function renderCopyButton(doc: Document, code: string): HTMLButtonElement {
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'copy-code';
  button.textContent = 'Copy';
  button.title = 'Copy code';
  button.setAttribute('aria-label', 'Copy code');
  let timer: ReturnType<typeof setTimeout> | undefined;
  button.addEventListener('click', () => {
    void copyText(doc, code).then((ok) => {
      button.textContent = ok ? 'Copied' : 'Copy failed';
      button.setAttribute('aria-label', ok ? 'Copied' : 'Copy failed');
      button.classList.toggle('copied', ok);
      clearTimeout(timer);
      timer = setTimeout(() => {
        button.textContent = 'Copy';
        button.setAttribute('aria-label', 'Copy code');
        button.classList.remove('copied');
      }, COPIED_FOR_MS);
    });
  });
  return button;
}

async function copyText(doc: Document, text: string): Promise<boolean> {
  const clipboard = doc.defaultView?.navigator.clipboard;
  if (clipboard?.writeText) {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no focus, no permission): try the older way below.
    }
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  doc.body.append(area);
  area.select();
  try {
    return doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
