// Where a shared snippet came from, so a reader's copy can find those lines where they are now
// (docs/code-aware-chat.md). It travels inside the encrypted, signed envelope like the rest of
// the snippet. The repository is named only by a hash of its normalized remote URL, never the
// URL itself, which may hold credentials. Type-only for the webview; no crypto here.

import { ParameterError } from '../crypto/errors';

export interface SnippetOrigin {
  /** Lowercase hex SHA-256 of the normalized remote URL (common/code/remote-identity.ts); absent for a repository without a remote. */
  repo?: string;
  /** The commit HEAD was at when the snippet was taken (40 hex for SHA-1 repositories, 64 for SHA-256). */
  commit: string;
  /** Lowercase hex SHA-256 of the snippet's code with line endings as "\n" (so CRLF and LF copies agree). */
  textHash: string;
  /** The working tree or index had uncommitted changes touching these lines (or the file is not committed). */
  dirty: boolean;
  /**
   * The lines at the commit, when uncommitted changes above them moved them in the sender's
   * working tree (so the snippet's own lines are not the commit's). Absent when they are the same
   * or the lines themselves are uncommitted.
   */
  commitLines?: { startLine: number; endLine: number };
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const COMMIT_HEX = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

function fail(reason: string): never {
  throw new ParameterError(`The message is not valid: ${reason}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hex(value: unknown, pattern: RegExp, field: string, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) fail(`${field} must be ${what}`);
  return value;
}

function line(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) fail(`${field} must be a line number from 1`);
  return value;
}

/** Validates a snippet's origin and returns a copy holding only the known fields. Throws ParameterError on a bad shape. */
export function parseSnippetOrigin(value: unknown): SnippetOrigin {
  if (!isRecord(value)) fail('snippet.origin must be an object');
  if (typeof value.dirty !== 'boolean') fail('snippet.origin.dirty must be true or false');
  const origin: SnippetOrigin = {
    commit: hex(value.commit, COMMIT_HEX, 'snippet.origin.commit', 'a commit id (40 or 64 lowercase hex characters)'),
    textHash: hex(value.textHash, SHA256_HEX, 'snippet.origin.textHash', 'a SHA-256 (64 lowercase hex characters)'),
    dirty: value.dirty,
  };
  if (value.repo !== undefined) origin.repo = hex(value.repo, SHA256_HEX, 'snippet.origin.repo', 'a SHA-256 (64 lowercase hex characters)');
  if (value.commitLines !== undefined) {
    const lines = value.commitLines;
    if (!isRecord(lines)) fail('snippet.origin.commitLines must be an object');
    const startLine = line(lines.startLine, 'snippet.origin.commitLines.startLine');
    const endLine = line(lines.endLine, 'snippet.origin.commitLines.endLine');
    if (endLine < startLine) fail('snippet.origin.commitLines.endLine is before its startLine');
    origin.commitLines = { startLine, endLine };
  }
  return origin;
}

/** The first 7 characters of the commit, as git shows it: what a reader is shown (never the repository hash). */
export function shortCommit(origin: Pick<SnippetOrigin, 'commit'>): string {
  return origin.commit.slice(0, 7);
}
