// Code references in message text: "src/retry.ts:42" (or ":42-50", "#L42", "#L42-L50"), a commit
// hash, "#123" (an issue or pull request of the repository's host). Found here, shown as links
// by the panel, resolved by the reader's own VS Code in their own clone (docs/code-aware-chat.md):
// nothing is looked up on the server or over the network.
//
// One pass over the text: it is cut into whitespace-separated words, each word is looked at once
// (a word longer than MAX_WORD is skipped whole), and no pattern is built from the text or can
// backtrack over more than one word. A message yields at most MAX_CODE_LINKS links.

export type CodeLinkTarget =
  | { kind: 'path'; path: string; line: number; endLine?: number }
  | { kind: 'commit'; hash: string }
  | { kind: 'issue'; number: number };

export interface FoundCodeLink {
  /** Where the link's text starts and ends in the text searched (end exclusive). */
  start: number;
  end: number;
  target: CodeLinkTarget;
}

export const MAX_CODE_LINKS = 50;
/** Longer words are no reference anyone writes by hand (a path of 1,000 characters is not). */
const MAX_WORD = 300;
const MAX_LINE = 9_999_999;
const MAX_ISSUE = 9_999_999;

/** Files named by their extension alone, with no folder ("retry.ts:42"). */
const CODE_EXTENSIONS = new Set(
  ('ts tsx mts cts js jsx mjs cjs py pyi rb go rs java kt kts scala swift c h cc cpp cxx hpp hh cs fs php pl pm lua dart ex exs erl hrl ' +
    'hs ml mli clj cljs r m mm sh bash zsh ps1 sql json jsonc yaml yml toml ini cfg xml html htm css scss sass less vue svelte md mdx ' +
    'txt proto graphql gql tf gradle cmake mk dockerfile lock').split(' '),
);

const OPENERS = new Set(['(', '[', '{', '"', "'", '`', '<']);
const CLOSERS = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}', '"', "'", '`', '>']);
const PATH_SEGMENT = /^[\w.@+~-]+$/;
const HASH = /^[0-9a-f]{7,40}$/;
const ISSUE = /^#(\d{1,7})$/;
const DIGITS = /^\d{1,7}$/;

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** The code references in `text`, in order, at most `limit`. */
export function findCodeLinks(text: string, limit = MAX_CODE_LINKS): FoundCodeLink[] {
  const found: FoundCodeLink[] = [];
  let i = 0;
  while (i < text.length && found.length < limit) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const wordStart = i;
    while (i < text.length && !isSpace(text.charCodeAt(i))) i++;
    // "#1" is the shortest reference there is.
    if (i - wordStart > MAX_WORD || i - wordStart < 2) continue;
    const link = linkInWord(text, wordStart, i);
    if (link) found.push(link);
  }
  return found;
}

function linkInWord(text: string, from: number, to: number): FoundCodeLink | undefined {
  let start = from;
  let end = to;
  while (start < end && OPENERS.has(text[start] ?? '')) start++;
  while (end > start && CLOSERS.has(text[end - 1] ?? '')) end--;
  const word = text.slice(start, end);
  // Inside a URL a path, a hash or "#123" means something else.
  if (!word || text.slice(from, to).includes('://')) return undefined;
  const target = codeLinkTarget(word);
  return target ? { start, end, target } : undefined;
}

/** What one word (no spaces, no surrounding punctuation) refers to, if it is a code reference. */
export function codeLinkTarget(word: string): CodeLinkTarget | undefined {
  const issue = ISSUE.exec(word);
  if (issue) return issueTarget(Number(issue[1]));
  if (HASH.test(word)) return commitTarget(word);
  return pathTarget(word);
}

function issueTarget(number: number): CodeLinkTarget | undefined {
  return number >= 1 && number <= MAX_ISSUE ? { kind: 'issue', number } : undefined;
}

function commitTarget(hash: string): CodeLinkTarget | undefined {
  // "deadbeef" and "1234567" are words and numbers far more often than commits.
  return HASH.test(hash) && /[a-f]/.test(hash) && /\d/.test(hash) ? { kind: 'commit', hash } : undefined;
}

/** "path:42", "path:42-50", "path:42:7" (a column, dropped), "path#L42", "path#L42-L50". */
function pathTarget(word: string): CodeLinkTarget | undefined {
  const anchor = word.lastIndexOf('#L');
  let path: string;
  let lines: string[];
  if (anchor > 0) {
    path = word.slice(0, anchor);
    lines = word.slice(anchor + 2).split('-');
    if (lines.length === 2 && lines[1]?.startsWith('L')) lines[1] = lines[1].slice(1);
  } else {
    const colon = word.indexOf(':');
    if (colon <= 0) return undefined;
    path = word.slice(0, colon);
    const rest = word.slice(colon + 1).split(':');
    if (rest.length > 2 || (rest.length === 2 && !DIGITS.test(rest[1] ?? ''))) return undefined;
    lines = (rest[0] ?? '').split('-');
  }
  if (lines.length > 2 || !lines.every((l) => DIGITS.test(l))) return undefined;
  const line = Number(lines[0]);
  const endLine = lines[1] === undefined ? undefined : Number(lines[1]);
  return pathLineTarget(path, line, endLine);
}

function pathLineTarget(path: string, line: number, endLine: number | undefined): CodeLinkTarget | undefined {
  if (!isSharedPath(path) || !isLine(line)) return undefined;
  const target: CodeLinkTarget = { kind: 'path', path, line };
  if (endLine !== undefined && isLine(endLine) && endLine > line) target.endLine = endLine;
  return target;
}

function isLine(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 1 && n <= MAX_LINE;
}

/**
 * A relative path inside a workspace: segments of word characters, ".", "@", "+", "~", "-";
 * no "." or ".." segment, no leading "/" (absolute) or empty segment; a folder in it or a
 * known extension on it, and a letter in its file name (so "10/12:30" is a date and a time).
 */
export function isSharedPath(path: string): boolean {
  if (path.length === 0 || path.length > MAX_WORD) return false;
  const segments = path.split('/');
  if (!segments.every((s) => PATH_SEGMENT.test(s) && s !== '.' && s !== '..')) return false;
  const name = segments[segments.length - 1] ?? '';
  if (!/[A-Za-z]/.test(name)) return false;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return segments.length > 1 || CODE_EXTENSIONS.has(extension);
}

/**
 * A link target from elsewhere (the panel's request, a test), checked as strictly as the
 * finder checks text: anything else is undefined. Only known fields are copied.
 */
export function parseCodeLinkTarget(value: unknown): CodeLinkTarget | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const own = (key: string): unknown => (Object.hasOwn(v, key) ? v[key] : undefined);
  const kind = own('kind');
  if (kind === 'issue') return typeof own('number') === 'number' ? issueTarget(own('number') as number) : undefined;
  if (kind === 'commit') return typeof own('hash') === 'string' ? commitTarget(own('hash') as string) : undefined;
  if (kind !== 'path') return undefined;
  const path = own('path');
  const line = own('line');
  const endLine = own('endLine');
  if (typeof path !== 'string' || typeof line !== 'number' || (endLine !== undefined && typeof endLine !== 'number')) return undefined;
  return pathLineTarget(path, line, endLine);
}

/** What a link shows as its title: what a click does. */
export function codeLinkTitle(target: CodeLinkTarget): string {
  switch (target.kind) {
    case 'path':
      return `Open ${target.path} at line ${target.line}${target.endLine ? `-${target.endLine}` : ''} in your workspace`;
    case 'commit':
      return `Show commit ${target.hash.slice(0, 12)} from your repositories`;
    case 'issue':
      return `Open issue or pull request #${target.number} on your repository's host`;
  }
}
