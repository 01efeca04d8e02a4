// Bundled for the browser by bench/sections/hostile-render.ts (npm run bench -- --only render): the panel's own message
// renderer and the hostile inputs, timed inside Chromium with layout included.
import { markdownRuns, SHORT_HOSTILE_STRINGS } from '../../support/hostile-strings';
import { message } from './views';
import { renderMessage, type MessageActions } from '../../../webview/render/message';

const noop = () => undefined;
const actions: MessageActions = { openSnippet: noop, reply: noop, edit: noop, delete: noop, react: noop, jumpTo: noop, find: () => undefined };

function timed(name: string, view: Parameters<typeof renderMessage>[1]): { name: string; ms: number } {
  const host = document.getElementById('app') as HTMLElement;
  const started = performance.now();
  const article = renderMessage(document, view, 'alice', actions);
  host.replaceChildren(article);
  // Layout is part of showing it.
  void host.offsetHeight;
  return { name, ms: performance.now() - started };
}

function run(): { name: string; ms: number }[] {
  const results: { name: string; ms: number }[] = [];
  for (const { name, text } of markdownRuns()) {
    results.push(timed(`body: ${name}`, message(1, { body: text })));
    for (const language of ['typescript', 'python', 'plaintext']) {
      results.push(timed(`${language} code: ${name}`, message(1, { body: '', snippet: { path: 'a.ts', startLine: 1, endLine: 1, language, code: text } })));
    }
  }
  for (const text of SHORT_HOSTILE_STRINGS) results.push(timed('short hostile string', message(1, { sender: text, body: text })));
  return results;
}

(globalThis as unknown as { runHostileRenders: typeof run }).runHostileRenders = run;
