// Where `teamchat send <group> --diff` takes its diff from: stdin ("-"), a patch file, or
// `git diff` (`--staged`: `git diff --cached`) run in the current directory, whose output is
// what the user would see there. The CLI may run git; the words after the source are the comment.
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DiffShare } from '../diffs/diff-shares';
import { UsageError } from './cli-errors';

const run = promisify(execFile);
/** As much as a server could take as a file; the client core refuses what this server does not. */
const GIT_OUTPUT_MAX = 64 * 1024 * 1024;

async function isFile(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isFile(), () => false);
}

async function gitDiff(staged: boolean, cwd: string): Promise<{ patch: string; label: string }> {
  try {
    const args = ['diff', '--no-color', '--no-ext-diff', '--no-textconv', ...(staged ? ['--cached'] : [])];
    const [{ stdout }, { stdout: top }] = await Promise.all([
      run('git', args, { cwd, maxBuffer: GIT_OUTPUT_MAX, encoding: 'utf8' }),
      run('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' }),
    ]);
    const repo = path.basename(top.trim());
    return { patch: stdout, label: staged ? `staged changes in ${repo}` : `working tree of ${repo}` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/not a git repository/i.test(message)) throw new UsageError('This folder is not in a git repository: run it in one, or give a patch file (or "-" to read it from stdin).');
    if (/ENOENT/.test(message)) throw new UsageError('git was not found: install it, or give a patch file (or "-" to read it from stdin).');
    throw new UsageError(`git diff failed: ${message.split('\n')[0]}`);
  }
}

/** The diff to share and the words left for the comment. */
export async function diffToSend(words: string[], staged: boolean, readStdin: () => Promise<string>, cwd = process.cwd()): Promise<{ share: DiffShare; comment: string[] }> {
  const [first, ...rest] = words;
  if (first === '-') return { share: { source: 'working', label: 'a diff', patch: await readStdin() }, comment: rest };
  if (first !== undefined && (await isFile(path.resolve(cwd, first)))) {
    return { share: { source: 'working', label: `diff from ${path.basename(first)}`, patch: await readFile(path.resolve(cwd, first), 'utf8') }, comment: rest };
  }
  const { patch, label } = await gitDiff(staged, cwd);
  if (patch.trim() === '') throw new UsageError(staged ? 'Nothing is staged: git diff --cached is empty.' : 'There are no changes: git diff is empty (use --staged for staged changes).');
  return { share: { source: staged ? 'staged' : 'working', label, patch }, comment: words };
}
