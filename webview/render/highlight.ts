// A small, safe syntax highlighter for shared code: each line is split into tokens (comment,
// string, number, keyword, plain) that become spans filled with textContent. It knows the
// common shapes of C-like languages, Python and shell; anything else stays plain text, as
// does code with no language (languages.ts).
import { knownLanguage } from './languages';

export type TokenKind = 'comment' | 'string' | 'number' | 'keyword' | 'plain';

const KEYWORDS = new Set(
  (
    'abstract as async await break case catch class const continue def default defer del delete do elif else enum export extends ' +
    'false final finally fn for from func function go if impl implements import in instanceof interface is lambda let match mod module ' +
    'mut new nil none not null of or and package pass private protected pub public raise readonly return self static struct super switch ' +
    'this throw throws trait true try type typeof undefined use var void while with yield True False None'
  ).split(' '),
);

const HASH_COMMENT_LANGUAGES = new Set(['python', 'shellscript', 'ruby', 'perl', 'r', 'yaml', 'toml', 'dockerfile', 'makefile', 'powershell', 'coffeescript', 'elixir']);

// "s": a line may hold CR, U+2028 or U+2029 (a file with CRLF endings, or a hostile one),
// where "." would stop short of "$" and "//.*$" would rescan the rest of the line from every
// "//" or "#", which is quadratic. Lines come without "\n", so "$" is the end of the line.
const TOKEN = /(\/\/.*$|\/\*.*?(?:\*\/|$))|(#.*$)|("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|`(?:[^`\\]|\\.)*`?)|(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?\b|\b0x[\da-f]+\b)|([A-Za-z_$][\w$]*)/gis;

export function tokenizeLine(line: string, language: string): { kind: TokenKind; text: string }[] {
  const hashComments = HASH_COMMENT_LANGUAGES.has(language.toLowerCase());
  const out: { kind: TokenKind; text: string }[] = [];
  let last = 0;
  for (const m of line.matchAll(TOKEN)) {
    const [text, slashComment, hashComment, str, num, word] = m;
    let kind: TokenKind;
    if (slashComment && !hashComments) kind = 'comment';
    else if (hashComment && hashComments) kind = 'comment';
    else if (str) kind = 'string';
    else if (num) kind = 'number';
    else if (word && KEYWORDS.has(word)) kind = 'keyword';
    else continue;
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: 'plain', text: line.slice(last, at) });
    out.push({ kind, text });
    last = at + text.length;
  }
  if (last < line.length) out.push({ kind: 'plain', text: line.slice(last) });
  return out;
}

/**
 * How many more elements one message may add to the panel. Markup a member controls could
 * otherwise make one 40,000-character message into 20,000 elements (a run of "*a", or of
 * quotes in code), which is slow to lay out and multiplies with every such message; past
 * the budget the text is still all shown, only as plain text.
 */
export class ElementBudget {
  constructor(private left = 1_000) {}

  get spent(): boolean {
    return this.left <= 0;
  }

  /** Counts `n` elements; false (and nothing counted) when they would go over the budget. */
  take(n: number): boolean {
    if (this.left < n) {
      this.left = 0;
      return false;
    }
    this.left -= n;
    return true;
  }
}

export function highlightLine(doc: Document, line: string, language: string, budget = new ElementBudget()): Node[] {
  const known = knownLanguage(language);
  if (budget.spent || !known) return [doc.createTextNode(line)];
  const tokens = tokenizeLine(line, known);
  const shown = tokens.filter((t) => t.kind !== 'plain');
  if (!budget.take(shown.length)) return [doc.createTextNode(line)];
  return tokens.map(({ kind, text }) => {
    if (kind === 'plain') return doc.createTextNode(text);
    const span = doc.createElement('span');
    span.className = `tok-${kind}`;
    span.textContent = text;
    return span;
  });
}
