// A small, safe syntax highlighter for shared code: each line is split into tokens (comment,
// string, number, keyword, plain) that become spans filled with textContent. It knows the
// common shapes of C-like languages, Python and shell; anything else stays plain text.

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

const TOKEN = /(\/\/.*$|\/\*.*?(?:\*\/|$))|(#.*$)|("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|`(?:[^`\\]|\\.)*`?)|(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?\b|\b0x[\da-f]+\b)|([A-Za-z_$][\w$]*)/gi;

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

export function highlightLine(doc: Document, line: string, language: string): Node[] {
  return tokenizeLine(line, language).map(({ kind, text }) => {
    if (kind === 'plain') return doc.createTextNode(text);
    const span = doc.createElement('span');
    span.className = `tok-${kind}`;
    span.textContent = text;
    return span;
  });
}
