// A shared diff as the CLI prints it: a header line with its label and summary, then the
// unified diff's lines, each made safe for a terminal like any member text. Colour for the
// +/- and @@ lines is asked for with a mark at the start of the line (a NUL and a style
// letter) that output.ts turns into colour on a terminal and drops elsewhere: member text
// never holds a raw NUL by then, since terminalLines shows it as "\x00".
import type { SharedDiff } from '../../common/messages/shared-diff';
import type { ChatMessage } from '../messages/chat-message';
import { terminalLine, terminalLines } from './terminal-text';

const MARK = '\u0000';
const COLOURS: Record<string, string> = { '+': '\x1b[32m', '-': '\x1b[31m', '@': '\x1b[36m', h: '\x1b[1m' };
const RESET = '\x1b[0m';
const MARKED = /^( *)\u0000([-+@h])/;
/** Attached diffs one `read` fetches to print. */
const FETCH_MAX = 20;

function styled(style: '+' | '-' | '@' | 'h', line: string): string {
  return `${MARK}${style}${line}`;
}

/** "working tree of src/retry.ts: 2 files, +5 -1" */
export function diffSummary(diff: SharedDiff): string {
  const files = diff.files.length + (diff.moreFiles ?? 0);
  const added = diff.files.reduce((n, f) => n + f.added, 0);
  const removed = diff.files.reduce((n, f) => n + f.removed, 0);
  return `${terminalLine(diff.label)}: ${files} file${files === 1 ? '' : 's'}, +${added} -${removed}`;
}

/** The diff's lines for formatMessage, under `prefix`; `patch`: its text when the message carries it as a file (fetched beforehand). */
export function diffLines(diff: SharedDiff, prefix: string, patch = diff.patch): string[] {
  const lines = [styled('h', `${prefix}--- diff: ${diffSummary(diff)}`)];
  if (patch === undefined) {
    for (const f of diff.files) lines.push(`${prefix}  ${f.status} ${terminalLine(f.oldPath ? `${f.oldPath} -> ${f.path}` : f.path)} +${f.added} -${f.removed}`);
    return lines;
  }
  const text = patch.endsWith('\n') ? patch.slice(0, -1) : patch;
  for (const line of terminalLines(text)) {
    const style = line.startsWith('+++') || line.startsWith('---') ? 'h' : line.startsWith('+') ? '+' : line.startsWith('-') ? '-' : line.startsWith('@@') ? '@' : undefined;
    lines.push(style ? styled(style, `${prefix}${line}`) : `${prefix}${line}`);
  }
  return lines;
}

/** A line as printed, made safe (terminalLine), its colour mark (see above) turned into colour on a terminal, or dropped. */
export function paintLine(line: string, colour: boolean): string {
  const m = MARKED.exec(line);
  if (!m) return terminalLine(line);
  const rest = terminalLine(line.slice(m[0].length));
  const code = COLOURS[m[2] as string] as string;
  return colour ? `${m[1]}${code}${rest}${RESET}` : `${m[1]}${rest}`;
}

/** Diffs carried as files fetched (checked against the sender's hash) so they print as diffs; one that cannot be fetched prints its file list. */
export async function withFetchedPatches(messages: ChatMessage[], patchOf: (m: ChatMessage) => Promise<string>, note: (line: string) => void): Promise<ChatMessage[]> {
  let fetched = 0;
  const out: ChatMessage[] = [];
  for (const m of messages) {
    if (m.status !== 'ok' || m.deleted || !m.diff || m.diff.patch !== undefined || fetched >= FETCH_MAX) {
      out.push(m);
      continue;
    }
    fetched++;
    try {
      out.push({ ...m, diff: { ...m.diff, patch: await patchOf(m) } });
    } catch (error) {
      note(`The diff of message ${m.msgId} could not be fetched: ${error instanceof Error ? error.message : String(error)}`);
      out.push(m);
    }
  }
  return out;
}
