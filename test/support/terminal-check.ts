// What a terminal must never get from the CLI's human output: a control byte other than the
// CLI's own newlines (ESC, CR, C1, DEL...), a bidi control or line separator, or a line that
// starts like a message line ("#13 ") without being the first line of a message.

const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const MESSAGE_LINE = /^#\d+ /;

/** Problems with `output` when it prints exactly the messages whose first lines are `heads`. */
export function terminalProblems(output: string, heads: readonly string[]): string[] {
  const problems: string[] = [];
  const bad = UNSAFE.exec(output);
  if (bad) problems.push(`control character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${bad.index}`);
  const lines = output.split('\n');
  const starts = lines.filter((line) => MESSAGE_LINE.test(line));
  const unexpected = starts.filter((line) => !heads.some((head) => line.startsWith(head)));
  if (unexpected.length) problems.push(`lines that look like messages: ${JSON.stringify(unexpected.slice(0, 3))}`);
  if (starts.length !== heads.length) problems.push(`${starts.length} message lines for ${heads.length} messages`);
  return problems;
}
