// What a 'resolve' message carries inside its envelope (docs/code-aware-chat.md, "Discussions
// on lines of code"): the discussion it marks (its `target`, a top-level message) and whether
// it is now resolved or reopened. It is a signed change like an edit or a reaction, folded
// into its target by every reader; the server stores it as one more ciphertext. Validated
// here for sender and reader alike. Type-only for the webview.

import { ParameterError } from '../crypto/errors';

/** The fields a resolve adds to the envelope; `target` is the envelope's own. */
export interface ResolveChange {
  resolved: boolean;
}

function fail(reason: string): never {
  throw new ParameterError(`The message is not valid: ${reason}.`);
}

/**
 * Checks the resolve fields of an envelope of `kind`: only a resolve carries `resolved`, a
 * resolve always does, its body is empty and it stays out of threads (it marks the root,
 * which lives in the group timeline). Answers the field to keep, or undefined for another kind.
 */
export function parseResolveChange(kind: string, json: Record<string, unknown>): ResolveChange | undefined {
  if (kind !== 'resolve') {
    if (json.resolved !== undefined) fail('only a resolve carries resolved');
    return undefined;
  }
  if (typeof json.resolved !== 'boolean') fail('a resolve needs resolved: true or false');
  if (json.body !== '') fail('a resolve has an empty body');
  if (json.thread !== undefined) fail('a resolve marks a top-level message, outside any thread');
  return { resolved: json.resolved };
}
