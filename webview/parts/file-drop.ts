// Files into the chat without the dialog: dropped on it, or images pasted from the clipboard
// (a paste of text stays a paste of text). What comes in goes to the attachment tray.

export function acceptDroppedFiles(target: HTMLElement, add: (files: File[]) => void): void {
  let depth = 0;
  const mark = (on: boolean) => target.classList.toggle('drop-target', on);
  target.addEventListener('dragenter', (e) => {
    if (!carriesFiles(e.dataTransfer)) return;
    depth++;
    mark(true);
  });
  target.addEventListener('dragover', (e) => {
    if (!carriesFiles(e.dataTransfer)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  target.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) mark(false);
  });
  target.addEventListener('drop', (e) => {
    depth = 0;
    mark(false);
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    e.preventDefault();
    add(files);
  });
}

export function acceptPastedImages(target: HTMLElement, add: (files: File[]) => void): void {
  target.addEventListener('paste', (e) => {
    const items = [...(e.clipboardData?.items ?? [])];
    const images = items.filter((i) => i.kind === 'file' && i.type.startsWith('image/')).map((i) => i.getAsFile()).filter((f): f is File => f !== null);
    if (images.length === 0) return;
    e.preventDefault();
    add(images.map((f) => named(f, target.ownerDocument.defaultView?.File ?? File)));
  });
}

function carriesFiles(dt: DataTransfer | null): boolean {
  if (!dt) return false;
  return [...dt.types].includes('Files') || [...dt.items].some((i) => i.kind === 'file');
}

/** A screenshot on the clipboard is called "image.png": it gets a name that says when it was pasted. */
function named(file: File, FileOf: typeof File): File {
  if (file.name && !/^image\.(png|jpe?g|gif|webp|bmp)$/i.test(file.name)) return file;
  const ext = file.type.split('/')[1]?.replace('jpeg', 'jpg').replace(/[^a-z0-9]/gi, '') || 'png';
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return new FileOf([file], `pasted-image-${stamp}.${ext}`, { type: file.type });
}
