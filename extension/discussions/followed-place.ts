// Where a shared snippet's comment thread goes in this workspace: where its lines are now, as
// Share Selection's reader finds them (extension/code/snippet-locator.ts: through git from the
// snippet's commit, else by its text, else at its path). Lines that moved carry their thread
// with them; lines that changed keep it (the discussion is about them); a file that is here
// without those lines, or is not here, gets no thread. The path is a member's text: the
// locator never follows an absolute path or one that climbs out of a folder.
import * as vscode from 'vscode';
import type { CodeSnippet } from '../../common/crypto';
import { locateSnippet } from '../code/snippet-locator';

export interface SnippetPlace {
  uri: vscode.Uri;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
}

export type SnippetLocator = (snippet: CodeSnippet) => Promise<SnippetPlace | undefined>;

export const followedPlace: SnippetLocator = async (snippet) => {
  const found = await locateSnippet(snippet);
  if (!found.uri || found.status === 'not-found' || found.status === 'no-file') return undefined;
  return { uri: found.uri, startLine: found.startLine, endLine: found.endLine };
};
