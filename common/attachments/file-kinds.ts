// What a file attachment is, judged from the sender's claims (name and type): an image, text
// to show as code, something VS Code can open, or a file only to save. And its name made
// harmless: for the screen (control and bidi characters shown, not obeyed) and for the disk
// (no path, no device name, no hidden file). Pure, for the panel and the extension host alike.

const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'ico']);

const TEXT_EXTENSIONS = new Set(
  (
    'txt text md markdown log csv tsv json jsonc yaml yml toml ini cfg conf env xml html htm css scss less ' +
    'ts tsx mts cts js jsx mjs cjs py rb pl php java kt kts swift go rs c h cc cpp hpp cs fs scala dart lua r sql ' +
    'sh bash zsh ps1 bat cmd dockerfile makefile gradle properties diff patch gitignore editorconfig'
  ).split(' '),
);

const TEXT_TYPES = new Set(['application/json', 'application/xml', 'application/javascript', 'application/x-yaml', 'application/yaml', 'application/toml', 'application/x-sh']);

// The one extension-to-type table, for the CLI's `send --file` and the extension alike, so both
// label a file the same way. Where IANA registers a type it is that one (application/json,
// application/xml and application/yaml over their text/ aliases, text/javascript per RFC 9239,
// text/markdown, text/csv); languages without a registered type get the text/x- names other tools
// use; anything else is text/plain when it is text by extension (TEXT_EXTENSIONS), else
// application/octet-stream.
const TYPES_BY_EXTENSION: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', bmp: 'image/bmp', ico: 'image/x-icon',
  svg: 'image/svg+xml', pdf: 'application/pdf', zip: 'application/zip', gz: 'application/gzip', tar: 'application/x-tar', wasm: 'application/wasm',
  json: 'application/json', xml: 'application/xml', yaml: 'application/yaml', yml: 'application/yaml',
  js: 'text/javascript', mjs: 'text/javascript', cjs: 'text/javascript', jsx: 'text/javascript',
  css: 'text/css', html: 'text/html', htm: 'text/html', md: 'text/markdown', csv: 'text/csv', txt: 'text/plain', log: 'text/plain',
  ts: 'text/x-typescript', tsx: 'text/x-typescript', py: 'text/x-python', rs: 'text/x-rust', go: 'text/x-go', java: 'text/x-java',
  c: 'text/x-c', h: 'text/x-c', cpp: 'text/x-c++', cs: 'text/x-csharp', rb: 'text/x-ruby', php: 'text/x-php', sql: 'text/x-sql',
  sh: 'text/x-shellscript', diff: 'text/x-diff', patch: 'text/x-diff',
  mp3: 'audio/mpeg', wav: 'audio/wav', mp4: 'video/mp4', webm: 'video/webm',
};

/** Text files up to this size show as code in the panel; bigger ones only open or save. */
export const MAX_INLINE_TEXT_BYTES = 256 * 1024;

/** The lower-case extension of a name, if it is a plain one ("png", "ts"); "" otherwise. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return basenameKind(name);
  const ext = name.slice(dot + 1).toLowerCase();
  return /^[a-z0-9]{1,10}$/.test(ext) ? ext : '';
}

/** "Dockerfile" and "Makefile" are text by name. */
function basenameKind(name: string): string {
  const lower = name.toLowerCase();
  return lower === 'dockerfile' || lower === 'makefile' ? lower : '';
}

/** A MIME type for a name the user picked, from its extension; the generic one when unknown. */
export function typeForName(name: string): string {
  const ext = extensionOf(name);
  if (Object.hasOwn(TYPES_BY_EXTENSION, ext)) return TYPES_BY_EXTENSION[ext]!;
  if (TEXT_EXTENSIONS.has(ext)) return 'text/plain';
  return 'application/octet-stream';
}

/** A raster image by both claims: its type says image and its name has an image extension (or none). */
export function isImageFile(name: string, type: string): boolean {
  const ext = extensionOf(name);
  return /^image\/(png|jpeg|gif|webp|bmp|x-icon)$/.test(type) && (ext === '' || IMAGE_EXTENSIONS.has(ext));
}

export function isTextFile(name: string, type: string): boolean {
  const ext = extensionOf(name);
  if (isImageFile(name, type) || type === 'image/svg+xml') return false;
  return TEXT_EXTENSIONS.has(ext) || type.startsWith('text/') || TEXT_TYPES.has(type);
}

/** Small enough, and text, to show as code in the panel after download. */
export function isInlineText(name: string, type: string, size: number): boolean {
  return size <= MAX_INLINE_TEXT_BYTES && isTextFile(name, type);
}

/** The highlighter's language for a text file: its extension ("ts", "py"), which languages.ts maps. */
export function languageOfFile(name: string): string {
  return extensionOf(name);
}

// C0 and C1 controls, DEL, bidi embeddings/overrides/isolates and marks, zero-width and line separators.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** A name for the screen: invisible and direction-changing characters shown as ⟨U+202E⟩, long names cut. */
export function displayFileName(name: string): string {
  const shown = name.replace(INVISIBLE, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
  const chars = [...shown];
  return chars.length > 120 ? `${chars.slice(0, 80).join('')}…${chars.slice(-30).join('')}` : shown || 'unnamed file';
}

const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** A name for the disk: one plain path segment, never hidden, a device or empty; keeps a plain extension. */
export function diskFileName(name: string): string {
  let safe = name
    .replace(INVISIBLE, '')
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (WINDOWS_DEVICES.test(safe)) safe = `_${safe}`;
  if ([...safe].length > 100) {
    const ext = extensionOf(safe);
    safe = [...safe].slice(0, 80).join('') + (ext ? `.${ext}` : '');
  }
  return safe || 'file';
}

export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GiB`;
}

/** Shown in VS Code itself (its image preview or a text editor), not only saved. */
export function opensInVsCode(name: string, type: string): boolean {
  return isImageFile(name, type) || isTextFile(name, type);
}

/**
 * The name a file opened in VS Code is written under: its extension picks the editor, so it is
 * one of the image or text extensions (".txt" added otherwise), never a notebook's or a custom editor's.
 */
export function viewableFileName(name: string, type: string): string {
  const safe = diskFileName(name);
  const ext = extensionOf(safe);
  if (isImageFile(name, type)) return IMAGE_EXTENSIONS.has(ext) ? safe : `${safe}.${type === 'image/jpeg' ? 'jpg' : type.slice('image/'.length).replace('x-icon', 'ico')}`;
  return TEXT_EXTENSIONS.has(ext) ? safe : `${safe}.txt`;
}

/** A name the client core sends (no path separators, control or bidi characters, no outer spaces, at most 255 characters). */
export function sendableFileName(name: string): string {
  let safe = name.replace(INVISIBLE, '').replace(/[/\\]/g, '_').trim();
  if (safe === '.' || safe === '..') safe = '';
  if (safe.length > 255) {
    const ext = extensionOf(safe);
    safe = safe.slice(0, 200).trim() + (ext ? `.${ext}` : '');
  }
  return safe || 'file';
}
