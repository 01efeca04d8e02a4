// Command line parsing with node:util parseArgs: global options anywhere on the line, then
// the command and its arguments. Each command names the options it accepts, so a stray
// flag is an error rather than silently ignored.

import { parseArgs } from 'node:util';
import { UsageError } from './cli-errors';

export const OPTIONS = {
  server: { type: 'string' },
  profile: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'no-history': { type: 'boolean' },
  'reply-to': { type: 'string' },
  edit: { type: 'string' },
  delete: { type: 'string' },
  snippet: { type: 'string' },
  file: { type: 'string' },
  out: { type: 'string' },
  lines: { type: 'string' },
  language: { type: 'string' },
  limit: { type: 'string' },
  since: { type: 'string' },
  count: { type: 'string' },
  accept: { type: 'boolean' },
  start: { type: 'boolean' },
  members: { type: 'string' },
  again: { type: 'boolean' },
  clear: { type: 'boolean' },
  invite: { type: 'string' },
  'setup-code': { type: 'string' },
  uses: { type: 'string' },
  expires: { type: 'string' },
  for: { type: 'string' },
  yes: { type: 'boolean' },
  thread: { type: 'string' },
  'also-to-group': { type: 'boolean' },
  diff: { type: 'boolean' },
  staged: { type: 'boolean' },
  reopen: { type: 'boolean' },
} as const;

export type OptionName = keyof typeof OPTIONS;
export const GLOBAL_OPTIONS: readonly OptionName[] = ['server', 'profile', 'json', 'help'];

export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  options: Partial<Record<OptionName, string | boolean>>;
}

export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see "teamchat --help").`);
  }
  const [command, ...positionals] = parsed.positionals;
  return { command, positionals, options: parsed.values as ParsedArgs['options'] };
}

/** Rejects options the command does not take. */
export function checkOptions(args: ParsedArgs, allowed: readonly OptionName[]): void {
  for (const name of Object.keys(args.options) as OptionName[]) {
    if (!GLOBAL_OPTIONS.includes(name) && !allowed.includes(name)) {
      throw new UsageError(`--${name} does not apply to "${args.command}" (see "teamchat ${args.command} --help").`);
    }
  }
}

export function positiveInteger(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(number)) {
    throw new UsageError(`--${name} needs a whole number, not "${String(value)}".`);
  }
  return number;
}

/** "12-20" or "12" -> [12, 20] / [12, 12]. */
export function lineRange(value: string): [number, number] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(value);
  const start = Number(match?.[1]);
  const end = Number(match?.[2] ?? match?.[1]);
  if (!match || start < 1 || end < start) throw new UsageError(`--lines needs a range like 12-20, not "${value}".`);
  return [start, end];
}
