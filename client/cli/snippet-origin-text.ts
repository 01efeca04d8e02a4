// A snippet's origin as the CLI prints it after the path: the short commit and whether uncommitted
// changes touched the lines. The repository hash stays out of human output (it means nothing to
// a reader); --json carries the whole origin.
import { shortCommit, type SnippetOrigin } from '../../common/messages/snippet-origin';

export function snippetOriginText(origin: SnippetOrigin | undefined): string {
  if (!origin) return '';
  return ` at ${shortCommit(origin)}${origin.dirty ? ' (uncommitted changes)' : ''}`;
}
