// What the CLI may write to a terminal. Everything in a message is chosen by its sender, and a
// terminal obeys what it is sent: ESC and C1 sequences move the cursor, clear lines, retitle
// the window or write the clipboard (OSC 52); CR, line and paragraph separators start a line
// that looks like the CLI's own; bidi controls make text read in another order. So every
// such character is printed as a visible escape (\x1b, \u202e), and the only line breaks
// the terminal sees are the CLI's.

// C0 and DEL, C1, the bidi marks and embeddings/isolates, the line and paragraph separators.
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escape(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of text with every control, bidi and separator character (and lone surrogate) shown as an escape. */
export function terminalLine(text: string): string {
  return text.replace(UNSAFE, escape);
}

/**
 * Text that may span lines (a message body, a snippet's code): each line made safe, the
 * continuation lines indented behind `prefix`, so no line of it starts like a line of the
 * CLI's own (a message line starts "#<seq> "). Tabs become spaces, to the next stop of 4.
 */
export function terminalLines(text: string): string[] {
  return text.split(/\r\n|\n/).map((line) => terminalLine(expandTabs(line)));
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const char of line) out += char === '\t' ? ' '.repeat(4 - (out.length % 4)) : char;
  return out;
}

/**
 * JSON for --json: JSON.stringify escapes C0 and lone surrogates but not DEL, C1, bidi
 * controls or U+2028/2029, which are valid JSON but act on a terminal the JSON is shown in.
 */
export function terminalJson(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(/[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
