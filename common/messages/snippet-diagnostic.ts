// "Ask the team" about a problem: the diagnostic (compiler error, lint warning) a snippet is
// shared with, inside the encrypted envelope like the rest of the snippet. Validated here for
// sender and reader alike (envelope.ts parseSnippet); type-only for the webview.

import { ParameterError } from '../crypto/errors';

export type DiagnosticSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface SnippetDiagnostic {
  severity: DiagnosticSeverity;
  message: string;
  /** Who reported it: "ts", "eslint", "Pylance". */
  source?: string;
  /** The reporter's code for it: "2322", "no-unused-vars". */
  code?: string;
  /** Where it starts (1-based), within the snippet's lines. */
  line: number;
  /** 1-based column on that line. */
  column?: number;
}

export const DIAGNOSTIC_SEVERITIES: readonly DiagnosticSeverity[] = ['error', 'warning', 'information', 'hint'];
export const MAX_DIAGNOSTIC_MESSAGE = 4_000;
const MAX_LABEL = 200;
const MAX_COLUMN = 1_000_000;

function fail(reason: string): never {
  throw new ParameterError(`The message is not valid: ${reason}.`);
}

function label(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length > MAX_LABEL) fail(`snippet.diagnostic.${field} must be a string of at most ${MAX_LABEL} characters`);
  return value;
}

/** A diagnostic whose line lies within the snippet's; only its known fields are kept. */
export function parseSnippetDiagnostic(value: unknown, lines: { startLine: number; endLine: number }): SnippetDiagnostic {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('snippet.diagnostic must be an object');
  const v = value as Record<string, unknown>;
  const { severity, message, line } = v;
  if (typeof severity !== 'string' || !(DIAGNOSTIC_SEVERITIES as readonly string[]).includes(severity)) fail(`snippet.diagnostic.severity must be one of ${DIAGNOSTIC_SEVERITIES.join(', ')}`);
  if (typeof message !== 'string' || message.length === 0 || message.length > MAX_DIAGNOSTIC_MESSAGE) fail(`snippet.diagnostic.message must be 1 to ${MAX_DIAGNOSTIC_MESSAGE} characters`);
  if (typeof line !== 'number' || !Number.isSafeInteger(line) || line < lines.startLine || line > lines.endLine) fail("snippet.diagnostic.line must be one of the snippet's lines");
  const diagnostic: SnippetDiagnostic = { severity: severity as DiagnosticSeverity, message, line };
  if (v.source !== undefined) diagnostic.source = label(v.source, 'source');
  if (v.code !== undefined) diagnostic.code = label(v.code, 'code');
  if (v.column !== undefined) {
    if (typeof v.column !== 'number' || !Number.isSafeInteger(v.column) || v.column < 1 || v.column > MAX_COLUMN) fail('snippet.diagnostic.column must be a column number from 1');
    diagnostic.column = v.column;
  }
  return diagnostic;
}

/** "tsc 2322", "eslint no-unused-vars", "2322", "": who reported it and under which code. */
export function diagnosticOrigin(d: Pick<SnippetDiagnostic, 'source' | 'code'>): string {
  return [d.source, d.code].filter(Boolean).join(' ');
}
