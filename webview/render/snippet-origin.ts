// The discreet line on a snippet's header saying where it was taken: "at a1b2c3d", and
// "· uncommitted" when uncommitted changes touched those lines. Never the repository's hash.
import { shortCommit, type SnippetOrigin } from '../../common/messages/snippet-origin';

export function renderSnippetOrigin(doc: Document, origin: SnippetOrigin): HTMLElement {
  const el = doc.createElement('span');
  el.className = 'mark snippet-origin';
  el.textContent = `at ${shortCommit(origin)}${origin.dirty ? ' · uncommitted' : ''}`;
  el.title = origin.dirty
    ? `Shared from commit ${origin.commit}, with uncommitted changes in these lines`
    : `Shared from commit ${origin.commit}`;
  return el;
}
