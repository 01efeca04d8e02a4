// Code blocks: a Copy button that copies all of the code, and no colours guessed for code
// without a language the highlighter knows.
import * as assert from 'node:assert/strict';
import { renderMarkdown } from '../../webview/render/markdown';
import { renderMessage, type MessageActions } from '../../webview/render/message';
import { newDom, settle } from './support/dom';
import { message } from './support/views';

const noop = () => undefined;
const actions: MessageActions = { openSnippet: noop, reply: noop, edit: noop, delete: noop, react: noop, jumpTo: noop, find: () => undefined };

describe('webview code blocks: copy and plain code', () => {
  let dom: ReturnType<typeof newDom>;
  let copied: string[];
  beforeEach(() => {
    dom = newDom();
    copied = [];
    Object.defineProperty(dom.window.navigator, 'clipboard', { configurable: true, value: { writeText: (text: string) => (copied.push(text), Promise.resolve()) } });
  });
  afterEach(() => dom.close());

  function md(text: string): HTMLElement {
    const div = dom.document.createElement('div');
    div.append(renderMarkdown(dom.document, text));
    dom.document.body.append(div);
    return div;
  }

  it('a fenced block has a Copy button that copies its code and says "Copied"', async () => {
    const div = md('see\n```ts\nconst a = "<b>";\nlet b = 2;\n```');
    const copy = div.querySelector<HTMLButtonElement>('button.copy-code')!;
    assert.equal(copy.textContent, 'Copy');
    assert.equal(copy.getAttribute('aria-label'), 'Copy code');
    copy.click();
    await settle();
    assert.deepEqual(copied, ['const a = "<b>";\nlet b = 2;']);
    assert.equal(copy.textContent, 'Copied');
  });

  it('a snippet folded after 40 lines copies all of its lines, not only those shown', async () => {
    const code = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join('\n');
    const article = renderMessage(dom.document, message(1, { body: '', snippet: { path: 'a.ts', startLine: 1, endLine: 100, language: 'typescript', code } }), 'alice', actions);
    dom.document.body.append(article);
    const buttons = article.querySelectorAll<HTMLButtonElement>('button.copy-code');
    assert.equal(buttons.length, 1);
    buttons[0]?.click();
    await settle();
    assert.deepEqual(copied, [code]);
  });

  it('without the Clipboard API it copies through the selection', async () => {
    Object.defineProperty(dom.window.navigator, 'clipboard', { configurable: true, value: undefined });
    const commands: string[] = [];
    dom.document.execCommand = (command: string) => (commands.push(command), true);
    const copy = md('```\nplain\n```').querySelector<HTMLButtonElement>('button.copy-code')!;
    copy.click();
    await settle();
    assert.deepEqual(commands, ['copy']);
    assert.equal(copy.textContent, 'Copied');
    assert.equal(dom.document.querySelector('textarea'), null, 'the helper textarea is gone');
  });

  it('shows code with no language, or one it does not know, plain', () => {
    const none = md('```\nif (x) return "no" // prose\n```');
    assert.equal(none.querySelector('pre.code-block [class^="tok-"]'), null);
    assert.equal(none.querySelector('pre.code-block code')?.textContent, 'if (x) return "no" // prose');
    const unknown = md('```klingon\nif (x) return "no"\n```');
    assert.equal(unknown.querySelector('[class^="tok-"]'), null);
    const snippet = renderMessage(dom.document, message(1, { body: '', snippet: { path: 'notes.txt', startLine: 1, endLine: 1, language: 'plaintext', code: 'for the 2 of us' } }), 'alice', actions);
    assert.equal(snippet.querySelector('[class^="tok-"]'), null);
  });

  it('highlights a known language by its fence name, with its own comments', () => {
    const py = md('```py\nx = 1  # note\n```');
    assert.equal(py.querySelector('.tok-comment')?.textContent, '# note');
    assert.equal(py.querySelector('.tok-number')?.textContent, '1');
    const ts = md('```TS\nconst a = 1;\n```');
    assert.equal(ts.querySelector('.tok-keyword')?.textContent, 'const');
  });
});
