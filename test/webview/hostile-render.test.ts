// Hostile text in the panel: every long run of Markdown punctuation, and every short hostile
// string, rendered as a message body, as snippet code (under each kind of highlighter), as a
// snippet's path and language and as reactions. Each render must finish; the time of each is
// measured and the slowest printed (the goal is under 50 ms), never asserted (speed belongs
// to benchmarks, not to pass/fail on a shared machine). What is asserted is the work: no
// message adds more than its budget of elements, whatever its text.
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import type { ChatMessageView } from '../../common/webview-protocol';
import { renderMessage, type MessageActions } from '../../webview/render/message';
import { markdownRuns, PROTOTYPE_KEYS, SHORT_HOSTILE_STRINGS } from '../support/hostile-strings';
import { newDom } from './support/dom';
import { message } from './support/views';

const GOAL_MS = 50;
/** Body and snippet code have a budget of 1,000 added elements each (webview/render), plus the message's frame. */
const MOST_ELEMENTS = 2_100;
const noop = () => undefined;
const actions: MessageActions = { openSnippet: noop, reply: noop, edit: noop, delete: noop, react: noop, jumpTo: noop, find: () => undefined };

describe('webview rendering of hostile text', function () {
  this.timeout(120_000);
  let dom: ReturnType<typeof newDom>;
  beforeEach(() => (dom = newDom()));
  afterEach(() => dom.close());
  const timings: { name: string; ms: number }[] = [];
  after(() => {
    const sorted = [...timings].sort((a, b) => b.ms - a.ms);
    const over = sorted.filter((t) => t.ms >= GOAL_MS);
    console.log(`      ${timings.length} hostile renders; slowest ${sorted.slice(0, 3).map((t) => `${t.ms.toFixed(1)} ms (${t.name})`).join(', ')}; ${over.length} over the ${GOAL_MS} ms goal`);
  });

  function timedRender(name: string, msg: ChatMessageView, me = 'alice'): HTMLElement {
    const start = performance.now();
    const article = renderMessage(dom.document, msg, me, actions);
    const ms = performance.now() - start;
    timings.push({ name, ms });
    const elements = article.querySelectorAll('*').length;
    assert.ok(elements <= MOST_ELEMENTS, `${name} made ${elements} elements`);
    return article;
  }

  for (const { name, text } of markdownRuns()) {
    it(`renders a ${text.length}-character ${name} as a body, as code and as a snippet path`, () => {
      const article = timedRender(`body: ${name}`, message(1, { body: text }));
      assert.ok(article.querySelector('.body')?.textContent, 'the body shows');
      for (const language of ['typescript', 'python', 'shellscript', 'plaintext']) {
        const code = timedRender(`${language} code: ${name}`, message(1, { body: '', snippet: { path: 'a.ts', startLine: 1, endLine: 1, language, code: text } }));
        assert.ok(code.querySelector('pre.code-block')?.textContent?.includes(text.split('\n')[0] ?? ''), language);
      }
      const short = text.slice(0, 1000);
      timedRender(`path: ${name}`, message(1, { body: short, replyTo: 'f'.repeat(32), snippet: { path: short, startLine: 1, endLine: 2, language: short.slice(0, 100), code: short } }));
    });
  }

  it('renders every short hostile string in every field, as text', () => {
    for (const text of SHORT_HOSTILE_STRINGS) {
      const reactions = Object.fromEntries([[text, ['bob', 'alice']], ...PROTOTYPE_KEYS.map((k) => [k, ['carol']])]);
      const article = timedRender(`every field: ${JSON.stringify(text).slice(0, 40)}`, message(1, {
        sender: text, body: text, replyTo: 'f'.repeat(32), reactions,
        snippet: { path: text, startLine: 1, endLine: 1, language: text, code: text },
      }));
      assert.equal(article.querySelector('script, img, a[href^="javascript"]'), null);
      assert.equal(article.querySelectorAll('.reactions li').length, Object.keys(reactions).length, JSON.stringify(text));
    }
  });

  it('renders reactions named like Object.prototype keys, with the own reaction marked', () => {
    const reactions = Object.fromEntries(PROTOTYPE_KEYS.map((k) => [k, ['alice']]));
    const article = timedRender('prototype-key reactions', message(1, { reactions }));
    const pills = [...article.querySelectorAll('.reactions li')];
    assert.equal(pills.length, PROTOTYPE_KEYS.length);
    // "constructor" is not a reaction of this message: marking it must not read Object.prototype.
    timedRender('absent prototype-key reactions', message(2, { reactions: { '+1': ['bob'] } }));
  });

  it('renders any property-generated text in every field', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: fc.constantFrom('[', ']', '(', ')', '*', '_', '`', '\n', 'a', ' ', '\\', '@', '#', '\r', '\u2028'), maxLength: 2000 }));
    fc.assert(
      fc.property(text, text, (body, other) => {
        const article = timedRender('fast-check', message(1, {
          body, sender: other.slice(0, 32), reactions: { [other.slice(0, 64)]: ['alice'] },
          snippet: { path: other, startLine: 1, endLine: 1, language: other.slice(0, 100), code: body },
        }));
        assert.ok(article.querySelector('.body'));
      }),
      { numRuns: 200 },
    );
  });
});
