// Everything the CLI prints: human-readable lines by default, JSON with --json. Results go
// to stdout; prompts and errors to stderr, so `--json` output can be piped as is.

import type { GroupView } from '../../common/api';
import type { ChatMessage } from '../messages/chat-message';
import { diagnosticLines } from './diagnostic-text';
import { snippetOriginText } from './snippet-origin-text';
import { discussionLine } from './discussion-text';
import { terminalJson, terminalLine, terminalLines } from './terminal-text';
import { diffLines, paintLine } from './diff-text';

export interface Output {
  readonly json: boolean;
  /** Prints a result: `value` as one JSON document with --json, else `human`, one string a line. */
  result(value: unknown, human: string | string[]): void;
  /** A line on stderr for the person watching (not part of the result). */
  note(text: string): void;
}

export function createOutput(json: boolean, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Output {
  // A shared diff's +/- lines are coloured only on a terminal, and not with NO_COLOR.
  const colour = (stdout as { isTTY?: boolean }).isTTY === true && process.env.NO_COLOR === undefined;
  return {
    json,
    result(value, human) {
      // Each human string is one line: a line break inside one (a group name, a server's
      // error message) is shown as an escape, never obeyed.
      if (json) stdout.write(terminalJson(value ?? null) + '\n');
      else stdout.write([human].flat().map((line) => paintLine(line, colour)).join('\n') + '\n');
    },
    note(text) {
      stderr.write(terminalLine(text) + '\n');
    },
  };
}

function time(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d{2}(\.\d+)?Z$/, '');
}

/**
 * One message as lines: "#12 2026-11-25 21:34 alice: text", then the rest of a multi-line
 * body, the snippet and the reactions indented, so only a message's first line starts "#".
 */
export function formatMessage(message: ChatMessage): string[] {
  const head = `#${message.seq} ${time(message.createdAt)} ${terminalLine(message.sender)}`;
  const problem = terminalLine(message.problem ?? '');
  if (message.status === 'could-not-decrypt') return [`${head}: [could not decrypt] ${problem}`.trimEnd()];
  if (message.status === 'stale-key') return [`${head}: [OLD GROUP KEY: may be from a removed member, not shown] ${problem}`.trimEnd()];
  if (message.status === 'log-mismatch') return [`${head}: [NOT IN THE GROUP LOG: not shown] ${problem}`.trimEnd()];
  if (message.status === 'bad-signature') return [`${head}: [BAD SIGNATURE: may be forged, not shown] ${problem}`.trimEnd()];
  if (message.deleted) return [`${head}: [deleted]`];
  const marks = [
    message.threadRoot ? `(in thread ${message.threadRoot.slice(0, 8)})` : '',
    message.replyTo ? `(reply to ${message.replyTo.slice(0, 8)})` : '',
    message.editedAt ? '(edited)' : '',
  ].filter(Boolean).join(' ');
  const [first = '', ...rest] = terminalLines(message.body ?? '');
  const lines = [`${head}: ${first}${marks ? ' ' + marks : ''}`, ...rest.map((line) => `  | ${line}`)];
  if (message.snippet) {
    const s = message.snippet;
    lines.push(`  --- ${terminalLine(s.path)}:${s.startLine}-${s.endLine} (${terminalLine(s.language)})${snippetOriginText(s.origin)}`);
    if (s.diagnostic) lines.push(...diagnosticLines(s.diagnostic));
    for (const line of terminalLines(s.code)) lines.push(`  | ${line}`);
  }
  if (message.diff) lines.push(...diffLines(message.diff, '  '));
  if (message.file && !message.diff) {
    const f = message.file;
    lines.push(`  [file] ${terminalLine(f.name)} (${byteSize(f.size)}, ${terminalLine(f.type)}): teamchat download <group> ${message.msgId}`);
  }
  if (message.reactions) {
    lines.push(`  ${Object.entries(message.reactions).map(([reaction, who]) => `${terminalLine(reaction)} ${who.map(terminalLine).join(', ')}`).join('  ')}`);
  }
  lines.push(...discussionLine(message));
  return lines;
}

/** "1.5 MiB", "12 KiB", "300 B". */
export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

/** A message as --json prints it: a file's key stays out of what scripts may log (teamchat download fetches it). */
export function messageJson(message: ChatMessage): ChatMessage {
  if (!message.file) return message;
  const { key: _key, ...file } = message.file;
  return { ...message, file: file as ChatMessage['file'] };
}

/** A group without its sealed keys, which mean nothing to a script. */
export function groupSummary(group: GroupView) {
  const { keys: _keys, ...rest } = group;
  return rest;
}

/** A direct message, named by the other person (from its verified log). */
export function formatDirectMessage(group: GroupView & { dm?: { with: string; ended: boolean } }): string {
  const flags = [group.dm?.ended ? 'ended: one of you left' : '', group.unread ? `${group.unread} unread` : ''].filter(Boolean).join(', ');
  return `@${group.dm?.with ?? group.name}  ${group.id}${flags ? `  (${flags})` : ''}`;
}

export function formatGroup(group: GroupView): string {
  const flags = [group.isAdmin ? 'admin' : '', group.needsRotation ? 'needs rotation' : '', group.unread ? `${group.unread} unread` : '']
    .filter(Boolean)
    .join(', ');
  return `${group.name}  ${group.id}  ${group.members.length} member${group.members.length === 1 ? '' : 's'}${flags ? `  (${flags})` : ''}`;
}
